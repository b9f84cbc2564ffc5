import { ConcurrencyError, IdempotencyConflictError, isRegisterError } from '../../core/errors.ts';
import { CheckFailed } from '../exit-codes.ts';
import { createRegisterItems } from '../../items.ts';
import { note } from '../output.ts';
import { startProgress } from '../progress.ts';
import type { RegisterAccess } from '../register-access.ts';
import { chooseAccess, loadCliConfig, withRegisterAccess, type GlobalOptions } from '../session.ts';
import { planImport, type PlannedRow } from '../import/plan.ts';
import { reportIssues } from '../import/messages.ts';
import { executeImport, rehearseImport, RowRejected, RowsRefused, rowRanges } from '../import/run.ts';
import { formatOf, readSourceRows, rowLabel } from '../import/rows.ts';

export interface ImportOptions {
  readonly format?: string;
  readonly dryRun?: boolean;
  readonly encoding?: string;
}

export async function runImport(file: string, options: ImportOptions, globals: GlobalOptions): Promise<void> {
  const remote = chooseAccess(globals).mode === 'server';
  const format = formatOf(file, options.format);
  if (format === 'xlsx') {
    await runWorkbookImport(file, options, globals);
    return;
  }
  // Rows are checked with the rules this side knows before anything is sent; over the API the server judges them again.
  const rules = loadCliConfig(remote ? { ...globals, dataDir: undefined } : globals).rules;
  const rows = readSourceRows(file, format, options.encoding);
  const plan = planImport(rows, rules, file);
  if (plan.issues.length > 0) {
    reportIssues(file, rows.length, plan.issues);
    throw new CheckFailed(`${file}: nothing was written`);
  }
  if (options.dryRun) {
    process.stdout.write(`${file}: all ${rows.length} rows are valid; nothing written (--dry-run)\n`);
    return;
  }
  await withRegisterAccess(globals, (access) => writeRows(access, file, rows.length, plan.rows));
}

/**
 * A workbook from `ccag export --format xlsx`: its rows are compared with the register at
 * the position it was exported at and with the register now, and each difference becomes the
 * command for it. On the store or over the API alike: the port reads the register at a position.
 */
async function runWorkbookImport(file: string, options: ImportOptions, globals: GlobalOptions): Promise<void> {
  // ExcelJS is loaded only for a workbook.
  const { planWorkbookImport, readWorkbookFile } = await import('./import-workbook.ts');
  const book = await readWorkbookFile(file, options.encoding);
  await withRegisterAccess(globals, async (access) => {
    const planned = await planWorkbookImport(file, book, access, createRegisterItems());
    if (planned.rows.length === 0) {
      process.stdout.write(`${file}: every row matches the register as exported (${planned.at}); nothing to write\n`);
      return;
    }
    if (options.dryRun) {
      try {
        await rehearseImport(access, planned.rows);
      } catch (error) {
        if (error instanceof RowsRefused) reportRefusals(file, planned.rows.length, error);
        throw error;
      }
      process.stdout.write(
        [
          `${file}: compared with the register at ${planned.at}; as movement:`,
          ...planned.movement,
          `${planned.rows.length} commands from ${new Set(planned.rows.map(rowLabel)).size} rows; nothing written (--dry-run)`,
        ].join('\n') + '\n',
      );
      return;
    }
    await writeRows(access, file, book.rows.length, planned.rows);
  });
}

async function writeRows(access: RegisterAccess, file: string, rowCount: number, rows: readonly PlannedRow[]): Promise<void> {
  const progress = startProgress('Importing', rows.length);
  try {
    const outcome = await executeImport(access, rows, (done) => progress.update(done));
    progress.stop();
    process.stdout.write(
      `${file}: ${rows.length} rows; ${outcome.written.length} written (${outcome.events} events), ` +
        `${outcome.alreadyImported.length} already imported, ${outcome.unchanged.length} changed nothing` +
        `${outcome.lastPosition ? `; last position ${outcome.lastPosition}` : ''}\n`,
    );
  } catch (error) {
    progress.stop();
    if (error instanceof RowsRefused) reportRefusals(file, rowCount, error);
    if (!(error instanceof RowRejected)) throw error;
    const { before, refusal, notTried } = error;
    note(`${file}: ${error.message}`);
    note(
      `  Stored before it: rows ${rowRanges(before.written)} written, rows ${rowRanges(before.alreadyImported)} already imported, rows ${rowRanges(before.unchanged)} changed nothing.`,
    );
    note(`  Not tried: rows ${rowRanges(notTried)}.`);
    note('  Run the same import again to complete it: rows already stored are recognised by their idempotency keys and not written twice.');
    if (refusal instanceof ConcurrencyError || refusal instanceof IdempotencyConflictError) throw refusal;
    if (isRegisterError(refusal)) throw new CheckFailed(`${file}: ${rowLabel(error.row)} was rejected`);
    throw refusal;
  }
}

/** Prints the refusals and throws what the exit code follows from: a conflict keeps its own. */
function reportRefusals(file: string, rowCount: number, error: RowsRefused): never {
  const rowsRefused = new Set(error.refusals.map((r) => rowLabel(r.row))).size;
  note(`${file}: ${rowsRefused} of ${rowCount} rows would be refused by the register; nothing was written.`);
  for (const { row, refusal } of error.refusals) note(`  ${rowLabel(row)} (${row.command}): ${(refusal as Error).message}`);
  const conflict = error.refusals.find((r) => r.refusal instanceof ConcurrencyError || r.refusal instanceof IdempotencyConflictError);
  if (conflict) throw conflict.refusal;
  throw new CheckFailed(`${file}: nothing was written`);
}
