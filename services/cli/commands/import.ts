import { Command, Option } from 'commander';
import type { GlobalOptions } from '../session-options.ts';
import { remoteHelp, withRemoteOptions } from './remote-options.ts';
import type { ImportOptions } from '../run/import.ts';
import { importableCommands } from '../import/commands.ts';

export function importCommand(): Command {
  return withRemoteOptions(new Command('import'))
    .description(
      'Apply rows of a CSV or JSON file as register commands, or the edits made to a workbook from ccag export --format xlsx; every row is checked before any is written',
    )
    .argument('<file>', 'a .csv or .json file (each row names its command and input fields), or an exported .xlsx workbook')
    .addOption(new Option('--format <format>', 'file format, when the extension does not say').choices(['csv', 'json', 'xlsx']))
    .option('--dry-run', 'check every row and write nothing (a workbook: print its effect as movement)')
    .option('--encoding <encoding>', 'the text encoding of a CSV or JSON file that is not UTF-8, e.g. windows-1252 (as Excel saves CSV)')
    .addHelpText(
      'after',
      `
Each row names its command (column "command": RaiseChangeProposal, AssessRiskScore, ...) and
that command's input fields. CSV: list fields (mitigationPlan, agenda, relatedChangeProposals,
add, remove) take items separated by " | " or a JSON array; nested fields use dotted columns
(owner.party, owner.person, fields.score); dates may be written as the pack writes them
(27/11/24, "December 2024", TBC); an empty cell leaves a field out, "null" clears it.
Optional columns: effectiveAt, reason, expectedVersion, idempotencyKey.
JSON: an array of objects (or { "rows": [...] }) with the same fields, typed as JSON.
A file that is not UTF-8 text is refused, naming its rows; give --encoding windows-1252
for a CSV Excel saved in its Windows encoding.

XLSX (a workbook from ccag export --format xlsx): each row is compared with the register at
the log position the workbook records; every changed cell becomes the command that
expresses it (Status -> that kind's status command, Forecast date -> ForecastMilestone,
Score -> AssessRiskScore, Due Date -> ChangeActionDueDate, Title -> EditChangeProposal, ...);
a new row raises the item. Text in the "correction" column records the row's changes as a
correction, with that text as its reason; the "reason" column gives the reason of the other
changes (a re-baseline needs one). A row whose item the register changed since the export
is a conflict, named by row and cell (exit 4). Nothing edited: nothing written. A line
added to Updates may be typed as the pack prints it ("Update 04/12 – text", "4/12/24 - text"):
the day is the update's (without a year, the latest such day up to today), the prefix is
not kept. Works on the store or over --server, as the token's principal.

All or nothing: every row is checked, then decided against the log plus the rows above it,
before anything is written; any invalid or refused row is reported (row number as in the
file, field or command, message), nothing is written and the exit code is 1 (4 on a
conflict). Rows are then written in file order. Each row's idempotency key (unless given)
comes from the file name, row number and content, so if a write still fails (a concurrent
edit, a full disk, a killed process) the import names the rows stored, and running the same
file again completes it without writing anything twice.

${remoteHelp}
Over the API the server rehearses every row as the token's principal (an editor's row outside
its code bodies is refused by row number, and nothing is written), then each row is sent as
its mutation. Re-running the file, with any token, writes nothing new.

Commands:
${importableCommands}

Example:
  $ ccag import updates-2024-11.csv --dry-run
  $ CCAG_ACTOR=jsmith ccag import updates-2024-11.csv
  $ CCAG_SERVER=https://register.example.org CCAG_TOKEN=ccag_... ccag import updates-2024-11.csv
  $ ccag import register.xlsx --dry-run

  updates-2024-11.csv:
    command,riskId,score,mitigationPlan
    AssessRiskScore,R920,10,
    ReviseRiskMitigation,R202,,Monthly Test and Code meeting | Follow change control`,
    )
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const { runImport } = await import('../run/import.ts');
      await runImport(file, options, command.optsWithGlobals<GlobalOptions>());
    });
}
