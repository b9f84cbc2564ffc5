import { Command } from 'commander';
import type { GlobalOptions } from '../session-options.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('Serve the register over GraphQL (the same as npm start) until interrupted')
    .addHelpText(
      'after',
      `
Configured by the environment (HOST, PORT, DATA_DIR, ESDB_CONNECTION_STRING, TOKENS_FILE,
OPEN_READS, ...), as npm start is.

Example:
  $ PORT=4000 ccag serve --data-dir ./data`,
    )
    .action(async (_options: unknown, command: Command) => {
      const { runServe } = await import('../run/serve.ts');
      await runServe(command.optsWithGlobals<GlobalOptions>());
    });
}
