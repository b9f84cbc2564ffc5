/**
 * How a version's state is read back. A log row `l` of an item event holds the version it
 * made: its whole state when it is its own base (base_seq = seq), else the fields changed
 * since its base (state: their values; removed: the fields no longer there). The base row is
 * joined as `b` only when it is another row.
 */
export const baseJoin = `LEFT JOIN log b ON b.seq = l.base_seq AND l.base_seq <> l.seq`;

/** The columns `viewOf` needs, from `l` and its `baseJoin`. */
export const versionState = `l.state, l.removed, b.state AS base_state`;

export interface StoredVersion {
  state: string;
  removed: string | null;
  /** Null when `state` is the whole state. */
  base_state: string | null;
}

/** The state of a stored version: its base's whole state with the fields changed since applied. */
export function viewOf(row: StoredVersion): Record<string, unknown> {
  const own = JSON.parse(row.state) as Record<string, unknown>;
  if (row.base_state === null) return own;
  return withChanges(JSON.parse(row.base_state) as Record<string, unknown>, own, row.removed);
}

/** A base's whole state with a version's changed fields (`own`) and its `removed` (stored JSON list, or null) applied. */
export function withChanges(
  base: Readonly<Record<string, unknown>>,
  own: Record<string, unknown>,
  removed: string | null,
): Record<string, unknown> {
  const view = { ...base, ...own };
  if (removed === null) return view;
  const gone = new Set(JSON.parse(removed) as string[]);
  return Object.fromEntries(Object.entries(view).filter(([field]) => !gone.has(field)));
}

/** The fields of its base a stored version no longer has. */
export function removedFields(row: StoredVersion): string[] {
  return row.removed === null ? [] : (JSON.parse(row.removed) as string[]);
}
