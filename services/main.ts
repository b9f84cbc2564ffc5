import { printBanner } from './banner.ts';
import { exitOnStartFailure, startServer, stopOnSignals } from './server.ts';

/** `npm start`: serve the register until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const server = await startServer();
  // Before the banner: whoever reads it may stop the server at once, and a SIGTERM that finds
  // no handler ends the process without closing it.
  stopOnSignals(server);
  printBanner(server);
}

main().catch(exitOnStartFailure('the register'));
