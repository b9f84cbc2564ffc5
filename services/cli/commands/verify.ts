import { Command } from 'commander';
import type { GlobalOptions } from '../session-options.ts';

export function verifyCommand(): Command {
  return new Command('verify')
    .description("Check every stream's hash chain in the event store and every held meeting's digest")
    .addHelpText(
      'after',
      `
Reads the whole log from the event store (not the read model): revisions must be dense,
each event's prevHash must be its predecessor's hash and each hash must match the event.
Then each held meeting's digest is recomputed up to its boundary position. Exit 0 when all
is well; exit 1 naming the first bad event or meeting otherwise.

Example:
  $ ccag verify && echo "log intact"`,
    )
    .action(async (_options: unknown, command: Command) => {
      const { runVerify } = await import('../run/verify.ts');
      await runVerify(command.optsWithGlobals<GlobalOptions>());
    });
}
