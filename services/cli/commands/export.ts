import { Command, Option } from 'commander';
import { kindHelp } from '../kinds.ts';
import { pointHelp } from '../points.ts';
import type { GlobalOptions } from '../session-options.ts';
import { remoteHelp, withRemoteOptions } from './remote-options.ts';
import type { ExportOptions } from '../run/export.ts';

export function exportCommand(): Command {
  return withRemoteOptions(new Command('export'))
    .description('Write the register as it stood at any point, as CSV (a file per kind), one JSON document or an Excel workbook')
    .addOption(new Option('--format <format>', 'csv, json or xlsx').choices(['csv', 'json', 'xlsx']).makeOptionMandatory())
    .option('--at <point>', `the point to export: ${pointHelp}`, 'now')
    .option('--kind <kinds...>', `only these kinds: ${kindHelp}`)
    .option(
      '--out <path>',
      'file to write (CSV of several kinds: a directory, one file per kind); default stdout (xlsx: unless a terminal)',
    )
    .addHelpText(
      'after',
      `
CSV columns follow each kind's view; planned dates are written in ISO text (2024-12-11,
2024-12, 2025-Q1, TBC, "BSC: 2024-10-13; REC: 2024-10-09"), lists joined with " | ",
owner as owner.party and owner.person, as ccag import reads them back.

XLSX: one tab per kind of item, columns named as the pack names them (Risk ID, Mstn Ref,
Forecast date, ...), choices (statuses, code bodies, workstreams, bands) as cell validation
lists, and a hidden tab recording the log position it was read at (and when it was
recorded); from the store or over --server alike. Edit it and
give it back to ccag import: each changed cell becomes the command for it (ccag import --help).

${remoteHelp}

Examples:
  $ ccag export --format json --at meeting:35 --out register-ccag35.json
  $ ccag export --format csv --out exports/           # change-proposals.csv, milestones.csv, ...
  $ ccag export --format csv --kind risks             # one CSV on stdout
  $ ccag export --format json --server https://register.example.org   # with CCAG_TOKEN set
  $ ccag export --format xlsx --at meeting:36 --out register.xlsx`,
    )
    .action(async (options: ExportOptions, command: Command) => {
      const { runExport } = await import('../run/export.ts');
      await runExport(options, command.optsWithGlobals<GlobalOptions>());
    });
}
