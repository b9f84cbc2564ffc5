import type { ItemRegistry } from '../../core/registry.ts';
import { sheetLayouts } from '../../spreadsheet/layout.ts';
import { planSheets } from '../../spreadsheet/plan.ts';
import { readWorkbook, WorkbookUnreadable, type ReadWorkbook } from '../../spreadsheet/workbook.ts';
import { CheckFailed, UsageError, WriteConflict } from '../exit-codes.ts';
import { note } from '../output.ts';
import { planImport, type PlannedRow } from '../import/plan.ts';
import { readImportFile } from '../import/rows.ts';
import {
  columnOfField,
  describeConflict,
  describeIssue,
  describeMovement,
  misDecodedCells,
  workbookEncodingHint,
  workbookSourceRows,
} from '../import/workbook.ts';
import { reportIssues } from '../import/messages.ts';
import type { RegisterAccess, RegisterSnapshot } from '../register-access.ts';

/** Reads an exported workbook; refuses one whose text shows a source decoded with the wrong encoding. */
export async function readWorkbookFile(file: string, encoding: string | undefined): Promise<ReadWorkbook> {
  if (encoding !== undefined) {
    throw new UsageError(
      `--encoding applies to CSV and JSON files; the text of an .xlsx workbook is UTF-8 by format (${file} needs no --encoding)`,
    );
  }
  let book: ReadWorkbook;
  try {
    book = await readWorkbook(readImportFile(file));
  } catch (error) {
    if (error instanceof WorkbookUnreadable) throw new UsageError(`${file} ${error.message}`);
    throw error;
  }
  const misDecoded = misDecodedCells(book);
  if (misDecoded.length > 0) {
    note(
      `${file}: ${new Set(misDecoded.map((i) => `${i.sheet}:${i.rowNumber}`)).size} rows hold text that is not what was typed; nothing was written.`,
    );
    for (const issue of misDecoded.slice(0, 20)) note(describeIssue(issue));
    note(`  ${workbookEncodingHint}.`);
    throw new CheckFailed(`${file}: nothing was written`);
  }
  return book;
}

export interface WorkbookImportPlan {
  readonly rows: readonly PlannedRow[];
  /** The rows' effect, in the pack's words. */
  readonly movement: readonly string[];
  /** Where the workbook was exported, as a person reads it. */
  readonly at: string;
}

/**
 * The register at the workbook's position and now, compared row by row, read through the
 * access port (the store here, or a running register over its API). Every problem is
 * printed and refuses the whole file: rows that cannot be read, cells that conflict with
 * changes made since the export (exit 4), commands the register would refuse.
 */
export async function planWorkbookImport(
  file: string,
  book: ReadWorkbook,
  access: RegisterAccess,
  items: ItemRegistry,
  today: string = ukToday(),
): Promise<WorkbookImportPlan> {
  const { origin } = book;
  // Only the kinds the workbook has tabs for are read.
  const kinds = sheetLayouts(items)
    .filter((layout) => book.headers.has(layout.name))
    .map((layout) => layout.kind);
  const empty: RegisterSnapshot = { position: null, recordedAt: null, items: () => [] };
  const exportedAt = origin.position === null ? empty : await access.registerAt({ position: origin.position }, kinds);
  if (exportedAt.position !== origin.position) {
    throw new UsageError(`${file} was exported at log position ${origin.position}, which this register's log does not hold`);
  }
  if (origin.recordedAt !== null && exportedAt.recordedAt !== origin.recordedAt) {
    throw new UsageError(
      `${file} was exported from another register: its log position ${origin.position} was recorded at ${origin.recordedAt}, this register's at ${exportedAt.recordedAt}`,
    );
  }
  const current = await access.registerAt(undefined, kinds);
  const rules = await access.rules();
  const at = `log position ${origin.position ?? '(empty log)'}${origin.requested !== 'now' ? `, ${origin.requested}` : ''}`;
  const plan = planSheets({
    rows: book.rows,
    headers: book.headers,
    items,
    rules,
    exported: exportedAt,
    current,
    today,
  });
  if (plan.issues.length > 0) {
    note(`${file}: ${new Set(plan.issues.map((i) => `${i.sheet}:${i.rowNumber}`)).size} rows cannot be imported; nothing was written.`);
    for (const issue of plan.issues) note(describeIssue(issue));
    throw new CheckFailed(`${file}: nothing was written`);
  }
  if (plan.conflicts.length > 0) {
    const items = new Set(plan.conflicts.map((c) => `${c.sheet}:${c.rowNumber}`)).size;
    note(`${file}: ${items} rows edit items the register has changed since the export (${at}); nothing was written.`);
    for (const conflict of plan.conflicts) note(describeConflict(conflict));
    note('  Export again and make your edits on the new workbook, or change those cells back.');
    throw new WriteConflict(`${file}: edits conflict with changes made since the export`);
  }
  const planned = planImport(workbookSourceRows(plan), rules, file);
  if (planned.issues.length > 0) {
    const named = planned.issues.map(columnOfField(items));
    reportIssues(file, book.rows.length, named);
    throw new CheckFailed(`${file}: nothing was written`);
  }
  return { rows: planned.rows, movement: describeMovement(plan.movement), at };
}

/** The calendar day in the UK, where the register's dates are: "Update 04/12" typed just after midnight is today's. */
export function ukToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
