import type { ItemKind } from '../core/decider.ts';
import type { ItemRegistry } from '../core/registry.ts';
import { isDeepStrictEqual } from 'node:util';
import type { CellContext, SheetColumn, SheetCommand, SheetEdit } from '../core/sheet.ts';
import { describeChanges } from '../../projections/movement/wording.ts';
import type { RegisterRules } from '../../schema/rules.ts';
import { CORRECTION_COLUMN, REASON_COLUMN, sheetLayouts, type SheetLayout } from './layout.ts';

type View = Record<string, unknown>;

/** One row of a sheet as the person left it: each cell's text by its column's heading. */
export interface SheetRow {
  readonly sheet: string;
  /** The row number the spreadsheet shows (the heading is row 1). */
  readonly rowNumber: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** The register's items of each kind at one point, as views. */
export interface RegisterState {
  items(kind: ItemKind): readonly { readonly view: View }[];
}

export interface PlannedSheetCommand extends SheetCommand {
  readonly sheet: string;
  readonly rowNumber: number;
  readonly kind: ItemKind;
  /** The row's reason, recorded with the write. */
  readonly reason: string | undefined;
}

/** A cell the register changed since the export, on a row the person changed too. */
export interface CellConflict {
  readonly sheet: string;
  readonly rowNumber: number;
  readonly item: string;
  readonly column: string;
  readonly exported: string;
  readonly yours: string;
  readonly now: string;
}

export interface SheetIssue {
  readonly sheet: string;
  readonly rowNumber: number;
  readonly column: string;
  readonly message: string;
}

/** A row's effect, in the pack's words. */
export interface RowMovement {
  readonly sheet: string;
  readonly rowNumber: number;
  readonly item: string;
  readonly change: 'NEW' | 'CHANGED' | 'CORRECTED';
  readonly lines: readonly string[];
}

export interface SheetPlan {
  readonly commands: readonly PlannedSheetCommand[];
  readonly conflicts: readonly CellConflict[];
  readonly issues: readonly SheetIssue[];
  readonly movement: readonly RowMovement[];
}

export interface SheetPlanInput {
  readonly rows: readonly SheetRow[];
  /** Headings each sheet has; a column taken out of a sheet leaves its cells as exported. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly items: ItemRegistry;
  readonly rules: RegisterRules;
  /** The register at the position the workbook was exported at. */
  readonly exported: RegisterState;
  /** The register now. */
  readonly current: RegisterState;
  /** The day the import runs (ISO), for cells that read a day typed without its year. */
  readonly today: string;
}

/** Cell text compared as people see it: line endings and surrounding space do not count. */
export function cellText(text: string | undefined): string {
  return (text ?? '').replace(/\r\n?/g, '\n').trim();
}

/**
 * Compares each row with the register at the export's position and turns every difference
 * into the command that expresses it. A row whose item the register changed since the
 * export, in a cell where it now says something other than the row, is a conflict and asks
 * for nothing. A cell the register already shows as the row does (an earlier run of the same
 * file) is no conflict: the same commands are planned again, and their idempotency keys make
 * them write nothing twice. Pure: no I/O, no clock.
 */
export function planSheets(input: SheetPlanInput): SheetPlan {
  const plan = {
    commands: [] as PlannedSheetCommand[],
    conflicts: [] as CellConflict[],
    issues: [] as SheetIssue[],
    movement: [] as RowMovement[],
  };
  const layouts = new Map(sheetLayouts(input.items).map((layout) => [layout.name, layout]));
  for (const [name, layout] of layouts) {
    const rows = input.rows.filter((row) => row.sheet === name);
    if (rows.length > 0) planLayout(input, layout, rows, new Set(input.headers.get(name) ?? []), plan);
  }
  return plan;
}

const keyOf = (layout: SheetLayout, text: (column: SheetColumn<View>) => string): string =>
  layout.keyColumns.map((c) => text(c)).join('\u0000');

function planLayout(
  input: SheetPlanInput,
  layout: SheetLayout,
  rows: readonly SheetRow[],
  headers: ReadonlySet<string>,
  plan: {
    commands: PlannedSheetCommand[];
    conflicts: CellConflict[];
    issues: SheetIssue[];
    movement: RowMovement[];
  },
): void {
  const { rules } = input;
  const index = (state: RegisterState) =>
    new Map(state.items(layout.kind).map((item) => [keyOf(layout, (c) => cellText(c.text(item.view, rules))), item]));
  const exported = index(input.exported);
  const current = index(input.current);
  const seen = new Map<string, number>();
  const presenter = input.items.presenterOf(layout.kind);
  const context: CellContext = { today: input.today };
  // Two cells say the same when they read as the same value: "Update 04/12 – ..." typed is the
  // update the register writes back as "2024-12-04: ...", so a re-run is neither an edit nor a conflict.
  const same = (column: SheetColumn<View>, a: string, b: string) =>
    a === b || isDeepStrictEqual(column.value(a, context), column.value(b, context));

  for (const row of rows) {
    const issue = (column: string, message: string) => plan.issues.push({ sheet: row.sheet, rowNumber: row.rowNumber, column, message });
    const before = (() => {
      const key = keyOf(layout, (c) => cellText(row.cells[c.header]));
      return { key, item: exported.get(key) };
    })();
    if (layout.columns.every((c) => cellText(row.cells[c.header]) === '')) continue;
    const earlier = seen.get(before.key);
    if (earlier !== undefined) {
      issue(layout.keyColumns.map((c) => c.header).join(', '), `names the same item as row ${earlier}; give each item one row`);
      continue;
    }
    seen.set(before.key, row.rowNumber);

    const exportedText = (column: SheetColumn<View>) => (before.item ? cellText(column.text(before.item.view, rules)) : '');
    // A column taken out of the sheet leaves the item as it was.
    const rowText = (column: SheetColumn<View>) => (headers.has(column.header) ? cellText(row.cells[column.header]) : exportedText(column));
    const byField = new Map(layout.columns.map((c) => [c.field, c]));
    const value = (field: string) => {
      const column = byField.get(field);
      return column ? column.value(rowText(column), context) : undefined;
    };
    const reason = cellText(row.cells[REASON_COLUMN]) || undefined;
    const correction = cellText(row.cells[CORRECTION_COLUMN]) || undefined;
    const changedColumns = before.item ? layout.columns.filter((c) => !c.derived && !same(c, rowText(c), exportedText(c))) : [];
    const edit: SheetEdit<View> = {
      before: before.item?.view,
      value,
      changed: (field) => (before.item ? changedColumns.some((c) => c.field === field) : rowText(byField.get(field)!) !== ''),
      reason,
      key: {},
    };

    if (!layout.sheet) {
      if (!before.item) issue('(row)', `${presenter.names.plural} cannot be added from the workbook yet`);
      for (const column of changedColumns) issue(column.header, column.readOnly ?? 'is not edited from the workbook');
      continue;
    }
    const sheet = layout.sheet;

    if (!before.item) {
      const key = sheet.keyOfRow(value);
      const raised = sheet.raise({ ...edit, key });
      if (typeof raised === 'string') {
        issue('(row)', raised);
        continue;
      }
      for (const command of raised)
        plan.commands.push({ ...command, sheet: row.sheet, rowNumber: row.rowNumber, kind: layout.kind, reason });
      const after = Object.fromEntries(layout.columns.map((c) => [c.field, value(c.field)]));
      plan.movement.push({
        sheet: row.sheet,
        rowNumber: row.rowNumber,
        item: label(layout, row),
        change: 'NEW',
        lines: [presenter.describeNew(after)],
      });
      continue;
    }
    if (changedColumns.length === 0) continue;

    const item = before.item;
    const now = current.get(before.key) ?? item;
    const conflicts = layout.columns.filter((c) => {
      if (c.derived) return false;
      const nowText = cellText(c.text(now.view, rules));
      return !same(c, nowText, exportedText(c)) && !same(c, nowText, rowText(c));
    });
    if (conflicts.length > 0) {
      for (const column of conflicts) {
        plan.conflicts.push({
          sheet: row.sheet,
          rowNumber: row.rowNumber,
          item: presenter.label(item.view),
          column: column.header,
          exported: exportedText(column),
          yours: rowText(column),
          now: cellText(column.text(now.view, rules)),
        });
      }
      continue;
    }

    const key = sheet.keyOf(item.view);
    const keyed: SheetEdit<View> = { ...edit, key };
    const corrected = correction ? changedColumns.filter((c) => c.corrects !== undefined) : [];
    const moved = changedColumns.filter((c) => !corrected.includes(c));
    const commands: SheetCommand[] = [];
    let refused = false;
    for (const column of moved) {
      const result = moveOf(column, keyed, correction !== undefined);
      if (typeof result === 'string') {
        issue(column.header, result);
        refused = true;
      } else commands.push(...result);
    }
    if (corrected.length > 0) {
      const fields = Object.fromEntries(corrected.map((c) => [c.corrects!, value(c.field)]));
      commands.push({ command: sheet.correction, input: { ...key, fields, reason: correction } });
    }
    if (refused) continue;
    for (const command of commands)
      plan.commands.push({ ...command, sheet: row.sheet, rowNumber: row.rowNumber, kind: layout.kind, reason });

    const viewFields = new Set(Object.keys(item.view));
    const after = { ...item.view };
    for (const column of changedColumns) if (viewFields.has(column.field)) after[column.field] = value(column.field);
    const lines = [
      ...describeChanges(
        presenter,
        item.view,
        after,
        moved.map((c) => c.field).filter((f) => viewFields.has(f)),
      ),
      ...(corrected.length > 0 ? [`Corrected: ${corrected.map((c) => c.header).join(', ')} (${correction})`] : []),
    ];
    plan.movement.push({
      sheet: row.sheet,
      rowNumber: row.rowNumber,
      item: presenter.label(item.view),
      change: moved.length > 0 ? 'CHANGED' : 'CORRECTED',
      lines,
    });
  }
}

/** The commands one changed column asks for, or why it cannot change so. */
function moveOf(column: SheetColumn<View>, edit: SheetEdit<View>, correcting: boolean): readonly SheetCommand[] | string {
  if (column.readOnly) return column.readOnly;
  if (column.moveBy) return column.moveBy(edit);
  if (column.command)
    return [{ command: column.command, input: { ...edit.key, [column.input ?? column.field]: edit.value(column.field) } }];
  return correcting ? 'cannot be corrected; change it back' : 'changes only by a correction: say why in the correction column';
}

function label(layout: SheetLayout, row: SheetRow): string {
  return (
    layout.keyColumns
      .map((c) => cellText(row.cells[c.header]))
      .filter((t) => t !== '')
      .join(' ') || `row ${row.rowNumber}`
  );
}
