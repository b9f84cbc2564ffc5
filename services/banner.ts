import type { RunningServer } from './server.ts';

/**
 * What a person starting the server needs to see, on stderr: stdout carries the request log
 * (JSON for a collector in production), and the token must not scroll away among it.
 */
export function printBanner(server: RunningServer, write: (text: string) => void = (text) => process.stderr.write(text)): void {
  // One write: whoever reads the banner (a person, a supervisor, a test) gets it whole, the token line included.
  const lines: string[] = [];
  const say = (line: string) => lines.push(line);
  say(`CCAG register on ${server.register.storeDescription}`);
  say(`GraphQL:  ${server.url}/graphql`);
  if (server.config.mode === 'development') say(`GraphiQL: ${server.url}/graphiql`);
  if (server.tokens.count === 0) {
    say(`No bearer tokens in ${server.tokens.file}: nobody can write. Create one with`);
    say('  npm run ccag -- token create --principal <name> --role secretariat');
  }
  const first = server.firstToken;
  if (first !== undefined) {
    say(
      first.madeNow
        ? `A secretariat token was created for development (its hash is in ${server.tokens.file}); it is shown at each start until a request uses it:`
        : 'The secretariat token created for development at an earlier start has not been used yet:',
    );
    say(`  Authorization: Bearer ${first.token}`);
  }
  write(lines.map((line) => `${line}\n`).join(''));
}
