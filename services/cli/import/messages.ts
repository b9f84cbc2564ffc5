import { note } from '../output.ts';
import type { RowIssue } from './plan.ts';
import { rowLabel } from './rows.ts';

/** Names each invalid row and field; nothing was written. */
export function reportIssues(file: string, rowCount: number, issues: readonly RowIssue[]): void {
  const badRows = new Set(issues.map((i) => rowLabel(i))).size;
  note(`${file}: ${badRows} of ${rowCount} rows are invalid; nothing was written.`);
  for (const issue of issues) note(`  ${rowLabel(issue)}, ${issue.field}: ${issue.message}`);
}
