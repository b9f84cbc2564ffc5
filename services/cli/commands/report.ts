import { Command, Option } from 'commander';
import { pointHelp } from '../points.ts';
import type { GlobalOptions } from '../session-options.ts';
import { remoteHelp, withRemoteOptions } from './remote-options.ts';
import type { MovementOptions } from '../run/report.ts';

export function reportCommand(): Command {
  const report = new Command('report').description('Reports laid out like the CCAG pack');
  report.addCommand(
    withRemoteOptions(new Command('movement'))
      .description('What moved between two points: Horizon Scanning Log, milestones, risks, actions; corrections apart')
      .requiredOption('--from <point>', `the earlier point: ${pointHelp}`)
      .option('--to <point>', `the later point: ${pointHelp}`, 'now')
      .addOption(new Option('--format <format>', 'markdown, html or csv').choices(['markdown', 'html', 'csv']).default('markdown'))
      .option('--out <file>', 'file to write; default stdout')
      .addHelpText(
        'after',
        `
The report opens with both points' boundary positions and digests (as recorded when each
meeting was held), so a published pack pins the history it reports on. Dates are UK style
(27/11/24), as the pack prints them. Data-entry corrections are listed apart, never as movement.

${remoteHelp}

Examples:
  $ ccag report movement --from meeting:35 --to meeting:36 --format html --out ccag36-movement.html
  $ ccag report movement --from meeting:36 --format markdown      # since CCAG #36, up to now`,
      )
      .action(async (options: MovementOptions, command: Command) => {
        const { runMovementReport } = await import('../run/report.ts');
        await runMovementReport(options, command.optsWithGlobals<GlobalOptions>());
      }),
  );
  return report;
}
