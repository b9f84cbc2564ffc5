import { Command, Option } from 'commander';
import type { GlobalOptions } from '../session-options.ts';

export function rebuildCommand(): Command {
  return new Command('rebuild')
    .description('Rebuild the read model (register, versions, log index) from the event log')
    .addHelpText(
      'after',
      `
The new read model is built beside the old one and swapped in once complete. A read model
that is damaged (not a database, truncated, another file) is first moved aside, kept as
read-model.db.corrupt-<time> for inspection. Refuses to run while a server (or another
rebuild) holds the read model of the same DATA_DIR: stop it first. --force rebuilds anyway;
the running server then keeps serving its own copy until it is restarted.

Example:
  $ DATA_DIR=/var/lib/ccag ccag rebuild`,
    )
    .addOption(new Option('--force', 'rebuild even while a server holds the read model'))
    .action(async (_options: unknown, command: Command) => {
      const { runRebuild } = await import('../run/rebuild.ts');
      await runRebuild(command.optsWithGlobals<GlobalOptions & { force?: boolean }>());
    });
}
