import type { PlannedDate } from '../../schema/values.ts';
import { formatPlannedDate, formatUkDate } from '../../schema/planned-date-text.ts';
import type { RegisterRules } from '../../schema/rules.ts';
import type { ChangeKind } from './presenter.ts';

/** A table as the pack lays it out; every cell is plain text (renderers escape it). */
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly notes: readonly string[];
}

/** One item's movement, as a slice's report tables read it. */
export interface ReportedItem<View> {
  readonly id: string;
  readonly change: ChangeKind;
  readonly fields: readonly { readonly field: string }[];
  readonly summary: readonly string[];
  readonly before: { readonly view: View } | undefined;
  readonly after: { readonly view: View };
}

/** What a slice's report tables may use besides its items. */
export interface ReportContext {
  readonly rules: RegisterRules;
  /** The earlier point, as a heading says it: "CCAG #35". */
  readonly since: string;
}

/* Cells in the pack's terms. */

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** Days as the pack prints them, dd/mm/yy. */
export function cellDay(v: unknown): string {
  return typeof v === 'string' && isoDay.test(v) ? formatUkDate(v) : cellText(v);
}

export function cellPlanned(v: PlannedDate | null | undefined): string {
  return v ? formatPlannedDate(v, 'uk') : '';
}

/** The note under a table that leaves out what did not move and is closed. */
export function omittedNote(count: number, what: string, since: string): string[] {
  if (count === 0) return [];
  return [`${count} ${what}${count === 1 ? '' : 's'} unchanged since ${since} ${count === 1 ? 'is' : 'are'} not shown.`];
}

/** Sorts by a text key of the later view, numbers in it compared as numbers. */
export function byViewKey<View>(key: (v: View) => string) {
  return (a: ReportedItem<View>, b: ReportedItem<View>) => key(a.after.view).localeCompare(key(b.after.view), 'en', { numeric: true });
}
