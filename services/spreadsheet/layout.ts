import type { ItemKind, ItemModule } from '../core/decider.ts';
import type { ItemRegistry } from '../core/registry.ts';
import { anyCell, type ItemSheet, type SheetColumn } from '../core/sheet.ts';

type View = Record<string, unknown>;

/** The columns every sheet ends with: what steers the write rather than shows the item. */
export const REASON_COLUMN = 'reason';
export const CORRECTION_COLUMN = 'correction';

/** One kind's tab as the workbook lays it out: the slice's columns, then any view field it does not show. */
export interface SheetLayout {
  readonly kind: ItemKind;
  readonly name: string;
  readonly columns: readonly SheetColumn<View>[];
  readonly keyColumns: readonly SheetColumn<View>[];
  /** The slice's sheet; undefined: the kind is shown read-only. */
  readonly sheet: ItemSheet<View> | undefined;
}

const notEditable = 'is not edited from the workbook';

/**
 * A view field no column shows still gets one (read-only), so the workbook holds all the
 * register holds; a kind without a sheet of its own is shown that way whole, keyed by id.
 */
export function sheetLayout(module: ItemModule): SheetLayout {
  const sheet = module.presenter.sheet;
  const fields = Object.keys(module.presenter.viewSchema.shape);
  if (!sheet) {
    const columns: SheetColumn<View>[] = fields.map((field) => ({
      header: field,
      field,
      text: (view: View) => anyCell.text(view[field]),
      value: anyCell.value,
      readOnly: `${notEditable}: ${module.presenter.names.plural} have no sheet of their own yet`,
      key: field === 'id',
    }));
    return { kind: module.kind, name: capitalise(module.presenter.names.plural), columns, keyColumns: columns.filter((c) => c.key), sheet };
  }
  const shown = new Set(sheet.columns.map((c) => c.field.split('.')[0]));
  const omitted = new Set(['id', ...(sheet.omits ?? [])]);
  const rest: SheetColumn<View>[] = fields
    .filter((field) => !shown.has(field) && !omitted.has(field))
    .map((field) => ({
      header: field,
      field,
      text: (view: View) => anyCell.text(view[field]),
      value: anyCell.value,
      readOnly: notEditable,
    }));
  const columns = [...sheet.columns, ...rest];
  return { kind: module.kind, name: sheet.name, columns, keyColumns: columns.filter((c) => c.key), sheet };
}

export function sheetLayouts(items: ItemRegistry, kinds: readonly ItemKind[] = items.kinds): SheetLayout[] {
  return kinds.map((kind) => sheetLayout(items.moduleOf(kind)));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
