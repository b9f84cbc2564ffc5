import { exitOnStartFailure, startServer, stopOnSignals } from '../services/server.ts';
import { loadCcag35To36Sample } from './ccag-35-36/load.ts';
import { chooseDemoDataDir } from './data-dir.ts';
import { printBanner } from '../services/banner.ts';

/** The demo's messages go where the server's banner goes, off the request log on stdout. */
const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `npm run demo`: the API with the CCAG #35 -> #36 sample loaded on a fresh embedded store,
 * on the same HOST/PORT as `npm start`, until SIGINT/SIGTERM.
 */

const MOVEMENT_QUERY =
  '{ movement(from: {meeting: 35}, to: {meeting: 36}) { ' +
  'horizonScanning { new { ref summary } existing { ref change summary } } ' +
  'milestones { ref change summary } risks { ref summary } actions { ref summary } } }';

async function main(): Promise<void> {
  const dataDir = chooseDemoDataDir(process.env['DATA_DIR']);
  // A fresh embedded store in development mode, with its own token file: the demo never
  // touches the user's EventStoreDB or token book.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir.path, NODE_ENV: 'development' };
  delete env['ESDB_CONNECTION_STRING'];
  delete env['TOKENS_FILE'];

  say(`Loading the CCAG #35 -> #36 sample into ${dataDir.path}${dataDir.temporary ? ' (a new temporary directory)' : ''}`);
  const server = await startServer({
    env,
    beforeListen: async (register) => {
      const loaded = await loadCcag35To36Sample(register, {
        onProgress: (done, total) => {
          if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${total} commands`);
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      say(`  ${loaded.commands} commands, ${loaded.events} events written`);
    },
  });

  const graphqlUrl = `${server.url}/graphql`;
  printBanner(server);
  const authorization = server.firstToken ? `Bearer ${server.firstToken.token}` : undefined;
  say('Movement from CCAG #35 to #36, as the #36 pack reports it:');
  say(
    `  curl -s ${graphqlUrl} -H 'content-type: application/json'` +
      (authorization ? ` -H 'authorization: ${authorization}'` : '') +
      ` -d '${JSON.stringify({ query: MOVEMENT_QUERY })}'`,
  );
  if (dataDir.temporary) say(`The sample's data stays in ${dataDir.path}; delete it when done.`);

  stopOnSignals(server);
}

main().catch(exitOnStartFailure('the demo'));
