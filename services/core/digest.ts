import type { EventStore } from './event-store.ts';
import { IntegrityError } from './errors.ts';
import { canonicalHash } from './hash-chain.ts';
import { formatPosition, type Position } from './position.ts';
import { verifyChains } from './verify.ts';

export interface LogDigest {
  /** The log position the digest covers (everything at or before it); "0" for an empty log. */
  readonly boundaryPosition: string;
  /** SHA-256 over the canonical list of every stream's head hash at the boundary. */
  readonly digest: string;
  readonly streams: number;
  readonly events: number;
}

/** Digest of the whole log up to `boundary`: pins every stream's history as it stood then. */
export function digestOfHeads(boundaryPosition: string, heads: ReadonlyMap<string, string>): string {
  const sorted = [...heads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return canonicalHash({ boundaryPosition, heads: sorted });
}

/**
 * Walks the log up to `boundary` (verifying every chain on the way) and digests the heads.
 * A broken chain refuses the digest: a meeting must not freeze a tampered history.
 */
export async function computeLogDigest(store: EventStore, boundary: Position | undefined): Promise<LogDigest> {
  const boundaryPosition = boundary ? formatPosition(boundary) : '0';
  if (!boundary) return { boundaryPosition, digest: digestOfHeads(boundaryPosition, new Map()), streams: 0, events: 0 };
  const walk = await verifyChains(store, { until: boundary });
  if (!walk.ok) {
    const bad = walk.firstBad!;
    throw new IntegrityError(`the log does not verify at ${bad.stream}@${bad.revision} (position ${bad.position}): ${bad.problem}`, {
      stream: bad.stream,
      revision: bad.revision,
      position: bad.position,
    });
  }
  return { boundaryPosition, digest: digestOfHeads(boundaryPosition, walk.heads), streams: walk.streams, events: walk.eventsChecked };
}
