import type { ColumnDef } from '@tanstack/react-table';
import { EditButton } from '../forms/EditButton.tsx';
import type { ItemKind } from '../items.ts';

interface ItemRow {
  readonly id: string;
}

/** The pack's "movement since last CCAG" column, naming the meeting it counts from once one is held. */
export function movementColumn<Row extends ItemRow>(
  since: { readonly number: number } | undefined,
  line: (row: Row) => string,
): ColumnDef<Row, string> {
  return { id: 'movement', header: since ? `Movement since CCAG #${since.number}` : 'Movement since last CCAG', accessorFn: line };
}

/**
 * The "Edit" column, when `shown` (never at a past point, never for a reader): per row a way to
 * the item's forms, where `mayEditRow` allows it (an editor edits its own code bodies' items).
 */
export function editColumns<Row extends ItemRow>(options: {
  readonly shown: boolean;
  readonly kind: ItemKind;
  readonly label: (row: Row) => string;
  readonly mayEditRow?: (row: Row) => boolean;
}): ColumnDef<Row, unknown>[] {
  if (!options.shown) return [];
  const { kind, label, mayEditRow = () => true } = options;
  return [
    {
      id: 'edit',
      header: 'Edit',
      cell: ({ row }) => (mayEditRow(row.original) ? <EditButton kind={kind} id={row.original.id} label={label(row.original)} /> : null),
    },
  ];
}
