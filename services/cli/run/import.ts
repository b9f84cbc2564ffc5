import { ConcurrencyError, IdempotencyConflictError, isRegisterError } from '../../core/errors.ts';
import { CheckFailed } from '../exit-codes.ts';
import { note } from '../output.ts';
import { startProgress } from '../progress.ts';
import { cliCaller, loadCliConfig, withRegister, type GlobalOptions } from '../session.ts';
import { planImport, type RowIssue } from '../import/plan.ts';
import { executeImport, RowRejected } from '../import/run.ts';
import { formatOf, readSourceRows } from '../import/rows.ts';

export interface ImportOptions {
  readonly format?: string;
  readonly dryRun?: boolean;
}

export async function runImport(file: string, options: ImportOptions, globals: GlobalOptions): Promise<void> {
  const config = loadCliConfig(globals);
  const rows = readSourceRows(file, formatOf(file, options.format));
  const plan = planImport(rows, config.rules, file);
  if (plan.issues.length > 0) {
    reportIssues(file, rows.length, plan.issues);
    throw new CheckFailed(`${file}: nothing was written`);
  }
  if (options.dryRun) {
    process.stdout.write(`${file}: all ${rows.length} rows are valid; nothing written (--dry-run)\n`);
    return;
  }
  await withRegister(config, async (register) => {
    const progress = startProgress('Importing', plan.rows.length);
    try {
      const outcome = await executeImport(register, plan.rows, cliCaller(), (done) => progress.update(done));
      progress.stop();
      process.stdout.write(
        `${file}: ${plan.rows.length} rows; ${outcome.written} written (${outcome.events} events), ` +
          `${outcome.alreadyImported} already imported, ${outcome.unchanged} changed nothing` +
          `${outcome.lastPosition ? `; last position ${outcome.lastPosition}` : ''}\n`,
      );
    } catch (error) {
      progress.stop();
      if (!(error instanceof RowRejected)) throw error;
      const { before, refusal } = error;
      note(`${file}: ${error.message}`);
      note(`  Rows before it are stored (${before.written} written, ${before.alreadyImported} already imported); later rows were not tried.`);
      note('  Fix the row and run the import again: rows already stored are skipped.');
      // A conflict keeps its own exit code; any other refusal by the register is a rejected row.
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
