import type { ItemRegistry } from '../../core/registry.ts';
import { sheetLayouts } from '../../spreadsheet/layout.ts';
import type { CellConflict, RowMovement, SheetIssue, SheetPlan } from '../../spreadsheet/plan.ts';
import type { ReadWorkbook } from '../../spreadsheet/workbook.ts';
import { formatPlannedDate } from '../../../schema/planned-date-text.ts';
import { plannedDate } from '../../../schema/values.ts';
import { misDecodedText } from './encoding.ts';
import type { RowIssue } from './plan.ts';
import type { SourceRow } from './rows.ts';

/*
 * The workbook side of an import: what the planner's commands look like as import rows,
 * and how its findings read for the person at the terminal.
 */

/** Text a workbook carries is UTF-8 by format; a lost character shows a source decoded wrongly before it got there. */
export function misDecodedCells(book: ReadWorkbook): SheetIssue[] {
  return book.rows.flatMap((row) =>
    Object.entries(row.cells).flatMap(([column, text]) => {
      const problem = misDecodedText(text);
      return problem ? [{ sheet: row.sheet, rowNumber: row.rowNumber, column, message: problem }] : [];
    }),
  );
}

export const workbookEncodingHint =
  'the text was mis-decoded before it reached the workbook: open the original file again with its encoding (a CSV Excel saved: import it with --encoding windows-1252) and copy the text from there';

/**
 * The planned commands as import rows: the command, its input, and the row's reason as the
 * write's reason. Planned dates go as the text a person types (the GraphQL API takes them so),
 * so a row is the same command, with the same idempotency key, on the store and over the API.
 */
export function workbookSourceRows(plan: SheetPlan): SourceRow[] {
  return plan.commands.map((c) => ({
    rowNumber: c.rowNumber,
    sheet: c.sheet,
    fields: { command: c.command, ...(c.reason !== undefined ? { reason: c.reason } : {}), ...(asTyped(c.input) as object) },
  }));
}

function asTyped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asTyped);
  if (typeof value !== 'object' || value === null) return value;
  const planned = plannedDate.safeParse(value);
  if (planned.success) return formatPlannedDate(planned.data, 'iso');
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, asTyped(v)]));
}

/** A command input field named by the column that feeds it, where the sheet has one. */
export function columnOfField(items: ItemRegistry): (issue: RowIssue) => RowIssue {
  const headers = new Map(
    sheetLayouts(items).flatMap((layout) =>
      layout.columns.flatMap((c) => [
        [`${layout.name}\u0000${c.input ?? c.field}`, c.header] as const,
        ...(c.corrects ? [[`${layout.name}\u0000fields.${c.corrects}`, c.header] as const] : []),
      ]),
    ),
  );
  return (issue) => {
    const header = headers.get(`${issue.sheet}\u0000${issue.field}`) ?? headers.get(`${issue.sheet}\u0000${issue.field.split('.')[0]}`);
    return header ? { ...issue, field: header } : issue;
  };
}

export function describeIssue(issue: SheetIssue): string {
  return `  ${issue.sheet} row ${issue.rowNumber}, ${issue.column}: ${issue.message}`;
}

export function describeConflict(conflict: CellConflict): string {
  const shown = (text: string) => (text === '' ? '(empty)' : JSON.stringify(text));
  return `  ${conflict.sheet} row ${conflict.rowNumber} (${conflict.item}), ${conflict.column}: exported ${shown(conflict.exported)}, the register now says ${shown(conflict.now)}, the row says ${shown(conflict.yours)}`;
}

/** The rows' effect as movement, in the pack's words, sheet by sheet. */
export function describeMovement(movement: readonly RowMovement[]): string[] {
  const lines: string[] = [];
  for (const sheet of [...new Set(movement.map((m) => m.sheet))]) {
    lines.push(sheet);
    for (const m of movement.filter((x) => x.sheet === sheet)) lines.push(`  ${m.item} (row ${m.rowNumber}): ${m.lines.join('; ')}`);
  }
  return lines;
}
