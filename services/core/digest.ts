import { canonicalHash } from './hash-chain.ts';

/**
 * The digest meetings recorded before the register signed tree heads (MeetingHeld schema
 * version 1): SHA-256 over the canonical list of every stream's head hash at the boundary.
 * `ccag verify` still recomputes it for those meetings; new meetings record a signed tree head.
 */
export function digestOfHeads(boundaryPosition: string, heads: ReadonlyMap<string, string>): string {
  const sorted = [...heads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return canonicalHash({ boundaryPosition, heads: sorted });
}
