import { Command } from 'commander';
import type { GlobalOptions } from '../session-options.ts';

export function rebuildCommand(): Command {
  return new Command('rebuild')
    .description('Rebuild the read model (register, versions, log index) from the event log')
    .addHelpText(
      'after',
      `
The new read model is built beside the old one and swapped in once complete. Stop any
server using the same DATA_DIR first.

Example:
  $ DATA_DIR=/var/lib/ccag ccag rebuild`,
    )
    .action(async (_options: unknown, command: Command) => {
      const { runRebuild } = await import('../run/rebuild.ts');
      await runRebuild(command.optsWithGlobals<GlobalOptions>());
    });
}
