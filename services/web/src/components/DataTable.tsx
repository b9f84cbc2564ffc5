import { Fragment, useId, useMemo, useState, type ReactNode } from 'react';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type FilterFn,
  type PaginationState,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  /** What a column tells the table beyond its value: a class for its cells (e.g. `long` text). */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    className?: string;
  }
}

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

const exactly: FilterFn<unknown> = (row, columnId, wanted: string) => {
  const value = row.getValue<unknown>(columnId);
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return text.toLowerCase() === wanted.toLowerCase();
};

const allRows = 100_000;
const pageSizes = [100, 250, allRows] as const;
const defaultPageSize = pageSizes[0];

interface DataTableProps<Row> {
  readonly caption: string;
  readonly rows: readonly Row[];
  // A table's columns hold values of different types; TanStack Table types such a list with `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
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
  // A page at a time: a register of a thousand change proposals stays quick to open and to use.
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: defaultPageSize });
  const id = useId();
  const choiceColumns = useMemo(() => new Set(filters.filter((f) => f.options).map((f) => f.column)), [filters]);
  const data = useMemo(() => [...rows], [rows]);
  const tableColumns = useMemo(
    () =>
      columns.map((column) => ({
        ...column,
        filterFn: choiceColumns.has(column.id ?? '') ? (exactly as FilterFn<Row>) : (matchesFilter as FilterFn<Row>),
      })),
    [columns, choiceColumns],
  );
  // The app is not built with the React Compiler, so nothing memoises what useReactTable returns.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns: tableColumns,
    state: { sorting, columnFilters, globalFilter: search, pagination },
    onSortingChange: setSorting,
    onPaginationChange: setPagination,
    onColumnFiltersChange: setColumnFilters,
    onGlobalFilterChange: setSearch,
    globalFilterFn: matchesFilter as FilterFn<Row>,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
  });
  const matching = table.getPrePaginationRowModel().rows.length;
  const shown = table.getRowModel().rows;
  const first = pagination.pageIndex * pagination.pageSize;
  const groups = useMemo(() => {
    if (!groupBy) return [{ name: '', rows: shown }];
    const byName = new Map<string, (typeof shown)[number][]>();
    for (const row of shown) {
      const name = groupBy(row.original);
      const group = byName.get(name);
      if (group) group.push(row);
      else byName.set(name, [row]);
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
          {matching === rows.length ? `${rows.length} items` : `${matching} of ${rows.length} items`}
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
                  const meta = header.column.columnDef.meta;
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
            {groups.map((group, index) => (
              <Fragment key={index}>
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
                      const meta = cell.column.columnDef.meta;
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
            {matching === 0 && (
              <tr>
                <td colSpan={width}>Nothing matches.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {matching > pageSizes[0] && (
        <div className="pager" role="group" aria-label={`Pages of ${caption}`}>
          <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            Previous
          </button>
          <span>
            {first + 1}–{Math.min(first + pagination.pageSize, matching)} of {matching}
          </span>
          <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            Next
          </button>
          <label>
            Rows per page{' '}
            <select value={pagination.pageSize} onChange={(e) => setPagination({ pageIndex: 0, pageSize: Number(e.target.value) })}>
              {pageSizes.map((size) => (
                <option key={size} value={size}>
                  {size === allRows ? 'All (for printing)' : size}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </section>
  );
}
