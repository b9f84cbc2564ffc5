import { ConcurrencyError, IdempotencyConflictError, isRegisterError } from '../../core/errors.ts';
import { CheckFailed } from '../exit-codes.ts';
import { note } from '../output.ts';
import { startProgress } from '../progress.ts';
import { chooseAccess, loadCliConfig, withRegisterAccess, type GlobalOptions } from '../session.ts';
import { planImport, type RowIssue } from '../import/plan.ts';
import { executeImport, RowRejected, RowsRefused, rowRanges } from '../import/run.ts';
import { formatOf, readSourceRows } from '../import/rows.ts';

export interface ImportOptions {
  readonly format?: string;
  readonly dryRun?: boolean;
}

export async function runImport(file: string, options: ImportOptions, globals: GlobalOptions): Promise<void> {
  const remote = chooseAccess(globals).mode === 'server';
  // Rows are checked with the rules this side knows before anything is sent; over the API the server judges them again.
  const rules = loadCliConfig(remote ? { ...globals, dataDir: undefined } : globals).rules;
  const rows = readSourceRows(file, formatOf(file, options.format));
  const plan = planImport(rows, rules, file);
  if (plan.issues.length > 0) {
    reportIssues(file, rows.length, plan.issues);
    throw new CheckFailed(`${file}: nothing was written`);
  }
  if (options.dryRun) {
    process.stdout.write(`${file}: all ${rows.length} rows are valid; nothing written (--dry-run)\n`);
    return;
  }
  await withRegisterAccess(globals, async (access) => {
    const progress = startProgress('Importing', plan.rows.length);
    try {
      const outcome = await executeImport(access, plan.rows, (done) => progress.update(done));
      progress.stop();
      process.stdout.write(
        `${file}: ${plan.rows.length} rows; ${outcome.written.length} written (${outcome.events} events), ` +
          `${outcome.alreadyImported.length} already imported, ${outcome.unchanged.length} changed nothing` +
          `${outcome.lastPosition ? `; last position ${outcome.lastPosition}` : ''}\n`,
      );
    } catch (error) {
      progress.stop();
      if (error instanceof RowsRefused) {
        const rowsRefused = new Set(error.refusals.map((r) => r.row.rowNumber)).size;
        note(`${file}: ${rowsRefused} of ${rows.length} rows would be refused by the register; nothing was written.`);
        for (const { row, refusal } of error.refusals) note(`  row ${row.rowNumber} (${row.command}): ${(refusal as Error).message}`);
        const conflict = error.refusals.find((r) => r.refusal instanceof ConcurrencyError || r.refusal instanceof IdempotencyConflictError);
        // A conflict keeps its own exit code; any other refusal is a rejected row.
        if (conflict) throw conflict.refusal;
        throw new CheckFailed(`${file}: nothing was written`);
      }
      if (!(error instanceof RowRejected)) throw error;
      const { before, refusal, notTried } = error;
      note(`${file}: ${error.message}`);
      note(
        `  Stored before it: rows ${rowRanges(before.written)} written, rows ${rowRanges(before.alreadyImported)} already imported, rows ${rowRanges(before.unchanged)} changed nothing.`,
      );
      note(`  Not tried: rows ${rowRanges(notTried)}.`);
      note(
        '  Run the same import again to complete it: rows already stored are recognised by their idempotency keys and not written twice.',
      );
      if (refusal instanceof ConcurrencyError || refusal instanceof IdempotencyConflictError) throw refusal;
      if (isRegisterError(refusal)) throw new CheckFailed(`${file}: row ${error.row.rowNumber} was rejected`);
      throw refusal;
    }
  });
}

function reportIssues(file: string, rowCount: number, issues: readonly RowIssue[]): void {
  const badRows = new Set(issues.map((i) => i.rowNumber)).size;
  note(`${file}: ${badRows} of ${rowCount} rows are invalid; nothing was written.`);
  for (const issue of issues) note(`  row ${issue.rowNumber}, ${issue.field}: ${issue.message}`);
}
