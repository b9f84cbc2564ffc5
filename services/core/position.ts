/**
 * A position in the global log. EventStoreDB positions are (commit, prepare) pairs of
 * unsigned 64-bit numbers; the embedded store uses one dense counter (commit = prepare).
 * Positions are opaque to callers: compare them with `comparePositions`, carry them as
 * strings (`formatPosition`), never do arithmetic on them.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const UINT64_MAX = (1n << 64n) - 1n;

export function positionOf(commit: bigint, prepare: bigint = commit): Position {
  return { commit, prepare };
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `"42"` when commit = prepare (the embedded store), `"42/40"` otherwise. */
export function formatPosition(p: Position): string {
  return p.commit === p.prepare ? p.commit.toString() : `${p.commit}/${p.prepare}`;
}

/** Parses what `formatPosition` writes; returns undefined for anything else. */
export function parsePosition(text: string): Position | undefined {
  const m = /^(\d{1,20})(?:\/(\d{1,20}))?$/.exec(text.trim());
  if (!m) return undefined;
  const commit = BigInt(m[1]!);
  const prepare = m[2] === undefined ? commit : BigInt(m[2]);
  if (commit > UINT64_MAX || prepare > UINT64_MAX) return undefined;
  return { commit, prepare };
}
