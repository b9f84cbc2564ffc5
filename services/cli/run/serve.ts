import { startServer } from '../../server.ts';
import { cliEnvironment, loadCliConfig, tokensFileOf, type GlobalOptions } from '../session.ts';

/** `npm start` under the CLI: serve until SIGINT or SIGTERM. */
export async function runServe(globals: GlobalOptions): Promise<void> {
  // Checked first so a bad variable exits with the configuration code.
  const config = loadCliConfig(globals);
  const server = await startServer({ env: cliEnvironment(globals) });
  console.log(`CCAG register on ${server.register.store.description}`);
  console.log(`GraphQL:  ${server.url}/graphql`);
  if (config.mode === 'development') console.log(`GraphiQL: ${server.url}/graphiql`);
  if (server.newToken) {
    console.log(`A secretariat token was created for development (shown once; its hash is in ${tokensFileOf(config)}):`);
    console.log(`  Authorization: Bearer ${server.newToken}`);
  }
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: stopping`);
      void server.stop().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
