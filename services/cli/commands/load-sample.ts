import { Command } from 'commander';
import type { GlobalOptions } from '../session-options.ts';

export function loadSampleCommand(): Command {
  return new Command('load-sample')
    .description('Load the CCAG #35 -> #36 history, rebuilt from the public pack, into the configured store')
    .addHelpText(
      'after',
      `
Writes the sample's change proposals, milestones, risks, actions and meetings (CCAG #35 and
#36 held) as the CLI's actor. Loading it again writes nothing new.

Example:
  $ ccag load-sample --data-dir ./demo && ccag report movement --from meeting:35 --to meeting:36 --data-dir ./demo`,
    )
    .action(async (_options: unknown, command: Command) => {
      const { runLoadSample } = await import('../run/load-sample.ts');
      await runLoadSample(command.optsWithGlobals<GlobalOptions>());
    });
}
