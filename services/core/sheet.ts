import type { RegisterRules } from '../../schema/rules.ts';
import type { PlannedDate } from '../../schema/values.ts';
import { formatPlannedDate, parseDayDate, parsePlannedDate } from '../../schema/planned-date-text.ts';

/*
 * How one kind of item appears as a sheet of the register's workbook, and how a changed
 * cell becomes the command that expresses it. Each slice describes its own sheet; the
 * workbook and the planner (services/spreadsheet/) loop over the registry's sheets.
 */

/** A command a sheet row asks for: its type and its input (with the item's key fields). */
export interface SheetCommand {
  readonly command: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** What a column's command builder reads: the item before, and the row as the person left it. */
export interface SheetEdit<View> {
  /** The item as exported (for a new row: undefined). */
  readonly before: View | undefined;
  /** The row's value for a column, by the view field it shows (as `SheetColumn.value` reads the cell). */
  value(field: string): unknown;
  /** True when the row's cell for that field differs from the export. */
  changed(field: string): boolean;
  /** The row's `reason` cell, when filled. */
  readonly reason: string | undefined;
  /** The item's key fields, as its commands name it. */
  readonly key: Readonly<Record<string, unknown>>;
}

/** What reading a cell may depend on besides its text. */
export interface CellContext {
  /** The day the import runs (ISO): a day typed without its year is read as the latest such day up to it. */
  readonly today: string;
}

/** One column of a kind's sheet. */
export interface SheetColumn<View> {
  /** The heading, as the pack names the column. */
  readonly header: string;
  /** The view field the column shows. */
  readonly field: string;
  /** The cell as export writes it. */
  text(view: View, rules: RegisterRules): string;
  /** The cell as the view (and the commands) hold it; text that does not read is passed on for the command to refuse. */
  value(text: string, context: CellContext): unknown;
  /** The values a cell may take, offered as the cell's validation list. */
  choices?(rules: RegisterRules): readonly string[];
  /** The column is part of what names the item (its key). */
  readonly key?: boolean;
  /** Shown, never changed from the sheet: says why. */
  readonly readOnly?: string;
  /** Follows from other cells (a risk's band from its score): neither an edit nor a conflict when it differs. */
  readonly derived?: boolean;
  /** The command that moves the field, with the input field the value goes to (default: the field). */
  readonly command?: string;
  readonly input?: string;
  /** Moves the field by more than one command, or depending on other cells (a status). An error text refuses the row. */
  moveBy?(edit: SheetEdit<View>): readonly SheetCommand[] | string;
  /** The field of the kind's correction (`fields.<name>`) that fixes this column, when a correction may. */
  readonly corrects?: string;
  /** Column width in characters. */
  readonly width?: number;
}

export interface ItemSheet<View> {
  /** The tab's name. */
  readonly name: string;
  readonly columns: readonly SheetColumn<View>[];
  /** View fields the sheet leaves out (the register's own bookkeeping); `id` always is. */
  readonly omits?: readonly string[];
  /** The key fields a command names the item by, from its view. */
  keyOf(view: View): Record<string, unknown>;
  /** The key fields from a row's values (for a new row). */
  keyOfRow(value: (field: string) => unknown): Record<string, unknown>;
  /** The kind's `Correct<X>` command (fields and reason). */
  readonly correction: string;
  /** The commands that put a new row on the register, in order. */
  raise(edit: SheetEdit<View>): readonly SheetCommand[] | string;
}

/* Cell codecs: how a value is written to a cell and read back. Every cell is text. */

const emptyAsNull = (text: string): string | null => (text.trim() === '' ? null : text);

export const textCell = {
  text: (value: unknown): string => (typeof value === 'string' ? value : anyCell.text(value)),
  value: emptyAsNull,
};

/** A calendar day, written ISO; read as the commands read a day (27/11/24, 2024-11-27, ...). */
export const dayCell = {
  text: (value: unknown): string => (typeof value === 'string' ? value : ''),
  value: (text: string): string | null => (text.trim() === '' ? null : (parseDayDate(text.trim()) ?? text.trim())),
};

/** A planned date in its ISO text form (`2024-12`, `2025-Q1`, `TBC`, `BSC: 2024-10-13; REC: 2024-10-09`). */
export const plannedCell = {
  text: (value: unknown): string => formatPlannedDate(value as PlannedDate, 'iso'),
  value: (text: string): unknown => {
    if (text.trim() === '') return null;
    const parsed = parsePlannedDate(text.trim());
    return parsed.ok ? parsed.value : text;
  },
};

export const wholeNumberCell = {
  text: (value: unknown): string => (typeof value === 'number' ? String(value) : ''),
  value: (text: string): unknown => (/^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : emptyAsNull(text)),
};

/** A list of lines (a mitigation plan's steps, an agenda), one per line of the cell; a list of anything else is JSON. */
export const linesCell = {
  text: (value: unknown): string => {
    if (!Array.isArray(value)) return '';
    return value.every((v) => typeof v === 'string' && !v.includes('\n')) ? value.join('\n') : JSON.stringify(value);
  },
  value: (text: string): unknown => {
    const json = text.trim().startsWith('[') ? tryJson(text) : undefined;
    if (Array.isArray(json)) return json;
    return text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
  },
};

/** Any value: text as it is, numbers and flags as written, structures as JSON. */
export const anyCell = {
  text: (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  },
  value: (text: string): unknown => {
    const trimmed = text.trim();
    if (trimmed === '') return null;
    return /^[[{]/.test(trimmed) ? (tryJson(trimmed) ?? text) : text;
  },
};

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The related change proposals of an item, one id per line; a change becomes the kind's
 * `Relate<X>ToChangeProposals` with what was added and what was removed.
 */
export function relatedColumn<View>(command: string): SheetColumn<View> {
  return {
    header: 'Related change proposals',
    field: 'relatedChangeProposals',
    text: (view) => linesCell.text((view as Record<string, unknown>)['relatedChangeProposals']),
    value: linesCell.value,
    moveBy: (edit) => {
      const before = asStrings((edit.before as Record<string, unknown> | undefined)?.['relatedChangeProposals']);
      const after = asStrings(edit.value('relatedChangeProposals'));
      const add = after.filter((id) => !before.includes(id));
      const remove = before.filter((id) => !after.includes(id));
      return [{ command, input: { ...edit.key, add, remove } }];
    },
    width: 24,
  };
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** A column from a codec: header, field and how its cell reads and writes. */
export function column<View>(
  header: string,
  field: keyof View & string,
  codec: { text(value: unknown): string; value(text: string, context: CellContext): unknown },
  more: Omit<SheetColumn<View>, 'header' | 'field' | 'text' | 'value'> = {},
): SheetColumn<View> {
  return { header, field, text: (view) => codec.text((view as Record<string, unknown>)[field]), value: codec.value, ...more };
}
