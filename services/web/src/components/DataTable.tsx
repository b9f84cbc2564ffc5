import { Fragment, useId, useMemo, useState, type ReactNode } from 'react';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type FilterFn,
  type SortingState,
} from '@tanstack/react-table';

/** A filter control above a table: a choice of values, or free text matched anywhere in the column. */
export interface TableFilter {
  readonly column: string;
  readonly label: string;
  /** Choices; absent: a text box. */
  readonly options?: readonly string[];
}

/** Case-insensitive: the pack writes "Approved", somebody types "approved". */
export const matchesFilter: FilterFn<unknown> = (row, columnId, wanted: string) => {
  const value = row.getValue<unknown>(columnId);
  const text = (typeof value === 'string' ? value : JSON.stringify(value ?? '')).toLowerCase();
  return text.includes(wanted.toLowerCase());
};

const exactly: FilterFn<unknown> = (row, columnId, wanted: string) =>
  String(row.getValue<unknown>(columnId) ?? '').toLowerCase() === wanted.toLowerCase();

interface DataTableProps<Row> {
  readonly caption: string;
  readonly rows: readonly Row[];
  readonly columns: ColumnDef<Row, any>[];
  readonly filters?: readonly TableFilter[];
  /** Rows are shown under a heading row per group, in the order of first appearance. */
  readonly groupBy?: (row: Row) => string;
  readonly rowClassName?: (row: Row) => string | undefined;
  readonly rowLabel?: (row: Row) => string;
  readonly toolbar?: ReactNode;
}

/** A sortable, filterable table with a search box and a count, in the pack's columns. */
export function DataTable<Row>({ caption, rows, columns, filters = [], groupBy, rowClassName, rowLabel, toolbar }: DataTableProps<Row>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [search, setSearch] = useState('');
  const id = useId();
  const choiceColumns = useMemo(() => new Set(filters.filter((f) => f.options).map((f) => f.column)), [filters]);
  const data = useMemo(() => [...rows], [rows]);
  const table = useReactTable({
    data,
    columns: columns.map((column) => ({
      ...column,
      filterFn: choiceColumns.has(column.id ?? '') ? (exactly as FilterFn<Row>) : (matchesFilter as FilterFn<Row>),
    })),
    state: { sorting, columnFilters, globalFilter: search },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onGlobalFilterChange: setSearch,
    globalFilterFn: matchesFilter as FilterFn<Row>,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const shown = table.getRowModel().rows;
  const groups = useMemo(() => {
    if (!groupBy) return [{ name: '', rows: shown }];
    const byName = new Map<string, typeof shown>();
    for (const row of shown) {
      const name = groupBy(row.original);
      byName.set(name, [...(byName.get(name) ?? []), row]);
    }
    return [...byName].map(([name, grouped]) => ({ name, rows: grouped }));
  }, [shown, groupBy]);
  const filterValue = (column: string) => (columnFilters.find((f) => f.id === column)?.value as string | undefined) ?? '';
  const setFilter = (column: string, value: string) =>
    setColumnFilters((current) => [...current.filter((f) => f.id !== column), ...(value ? [{ id: column, value }] : [])]);
  const width = table.getVisibleLeafColumns().length;

  return (
    <section className="table-section" aria-labelledby={`${id}-caption`}>
      <div className="table-controls" role="search" aria-label={`Filter ${caption}`}>
        <label>
          Search
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Any text" />
        </label>
        {filters.map((filter) => (
          <label key={filter.column}>
            {filter.label}
            {filter.options ? (
              <select value={filterValue(filter.column)} onChange={(e) => setFilter(filter.column, e.target.value)}>
                <option value="">All</option>
                {filter.options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <input type="text" value={filterValue(filter.column)} onChange={(e) => setFilter(filter.column, e.target.value)} />
            )}
          </label>
        ))}
        <output className="count" aria-live="polite">
          {shown.length === rows.length ? `${rows.length} items` : `${shown.length} of ${rows.length} items`}
        </output>
        {toolbar}
      </div>
      <div className="table-scroll">
        <table>
          <caption id={`${id}-caption`}>{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((headerGroup) => (
              <tr key={headerGroup.id}>
                {headerGroup.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const sortable = header.column.getCanSort();
                  const meta = header.column.columnDef.meta as { className?: string } | undefined;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={meta?.className}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {sortable ? (
                        <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {groups.map((group) => (
              <Fragment key={group.name}>
                {groupBy && (
                  <tr className="group-row">
                    <th scope="colgroup" colSpan={width}>
                      {group.name} ({group.rows.length})
                    </th>
                  </tr>
                )}
                {group.rows.map((row) => (
                  <tr key={row.id} className={rowClassName?.(row.original)} aria-label={rowLabel?.(row.original)}>
                    {row.getVisibleCells().map((cell) => {
                      const meta = cell.column.columnDef.meta as { className?: string } | undefined;
                      return (
                        <td key={cell.id} className={meta?.className}>
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </Fragment>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={width}>Nothing matches.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
