import { printBanner } from './banner.ts';
import { exitOnStartFailure, startServer, stopOnSignals } from './server.ts';

/** `npm start`: serve the register until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const server = await startServer();
  printBanner(server);
  stopOnSignals(server);
}

main().catch(exitOnStartFailure('the register'));
