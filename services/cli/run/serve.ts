import { printBanner } from '../../banner.ts';
import { isRegisterError } from '../../core/errors.ts';
import { startFailureText, startServer } from '../../server.ts';
import { ConfigurationError } from '../exit-codes.ts';
import { cliEnvironment, loadCliConfig, type GlobalOptions } from '../session.ts';

/** `npm start` under the CLI: serve until SIGINT or SIGTERM. */
export async function runServe(globals: GlobalOptions): Promise<void> {
  // Checked first so a bad variable exits with the configuration code.
  loadCliConfig(globals);
  let server;
  try {
    server = await startServer({ env: cliEnvironment(globals) });
  } catch (error) {
    if (isRegisterError(error)) throw error;
    throw new ConfigurationError(`Cannot start the register: ${startFailureText(error)}`);
  }
  // The handlers go in before the banner: whoever reads it may stop the server at once.
  const stopped = new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.error(`${signal}: stopping`);
      void server.stop().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  printBanner(server);
  await stopped;
}
