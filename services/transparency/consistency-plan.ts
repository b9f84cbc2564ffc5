/**
 * The walk of RFC 9162 2.1.4.2 without the hashing, so the server (node:crypto) and the web
 * app (Web Crypto, asynchronous) verify consistency proofs with one implementation of it.
 * `left`: the proof element is the left sibling in both roots; `right`: it is the right
 * sibling in the newer root only. Every element is used, in order: a proof that skips or
 * reorders any node cannot fit.
 */
export type ConsistencyStep = 'left' | 'right';

export interface ConsistencyPlan {
  /** Whether the walk starts from the older root (fromSize a power of two) rather than the proof's first element. */
  readonly seeded: boolean;
  readonly steps: readonly ConsistencyStep[];
}

/** The plan for a proof of `proofLength` elements from `fromSize` to `toSize` (> fromSize >= 1); undefined: no proof of that length fits. */
export function consistencyPlan(fromSize: number, toSize: number, proofLength: number): ConsistencyPlan | undefined {
  if (!Number.isSafeInteger(fromSize) || !Number.isSafeInteger(toSize) || fromSize < 1 || toSize <= fromSize || proofLength < 1)
    return undefined;
  const seeded = isPowerOfTwo(fromSize);
  const pathLength = seeded ? proofLength + 1 : proofLength;
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const steps: ConsistencyStep[] = [];
  for (let i = 1; i < pathLength; i++) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      steps.push('left');
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      steps.push('right');
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? { seeded, steps } : undefined;
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
