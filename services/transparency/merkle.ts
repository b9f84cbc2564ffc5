import { createHash, hash } from 'node:crypto';
import { consistencyPlan } from './consistency-plan.ts';

/**
 * RFC 9162 section 2.1 Merkle tree hashing and proofs, over SHA-256. Leaves are numbered
 * from 0; a tree of size n covers leaves [0, n). Proof generation works over any source of
 * subtree hashes (`RangeHasher`), so the stored tree and an in-memory list share one code path.
 */

export const HASH_BYTES = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

// One-shot hashing of the joined bytes: a hash object per call cost more than the copy (a catch-up hashes two or three times per event).
export function leafHash(leaf: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, leaf]), 'buffer');
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right]), 'buffer');
}

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT = createHash('sha256').digest();

/** Largest power of two strictly less than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:end]) for any range; implementations may look stored subtrees up. */
export type RangeHasher = (start: number, end: number) => Buffer;

/** The MTH of a list of leaf hashes, straight from the RFC's recursive definition. */
export function rootOfLeafHashes(leaves: readonly Buffer[]): Buffer {
  return leaves.length === 0 ? EMPTY_ROOT : listRangeHasher(leaves)(0, leaves.length);
}

/** A RangeHasher over leaf hashes held in memory (tests, the verifiers). */
export function listRangeHasher(leaves: readonly Buffer[]): RangeHasher {
  const hashRange: RangeHasher = (start, end) => {
    if (end - start === 1) return leaves[start]!;
    const k = splitPoint(end - start);
    return nodeHash(hashRange(start, start + k), hashRange(start + k, end));
  };
  return hashRange;
}

/** RFC 9162 2.1.3.1: PATH(m, D[n]), the inclusion proof of leaf m in the tree of size n. */
export function inclusionPath(hashRange: RangeHasher, index: number, size: number): Buffer[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const path: Buffer[] = [];
  let start = 0;
  let end = size;
  let m = index;
  // Walks from the root down, collecting the sibling at each level; the RFC lists them leaf first.
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      path.push(hashRange(start + k, end));
      end = start + k;
    } else {
      path.push(hashRange(start, start + k));
      start += k;
      m -= k;
    }
  }
  return path.reverse();
}

/** RFC 9162 2.1.4.1: PROOF(m, D[n]), the consistency proof from size m to size n. */
export function consistencyPath(hashRange: RangeHasher, fromSize: number, toSize: number): Buffer[] {
  if (!(fromSize >= 0 && fromSize <= toSize)) throw new RangeError(`no consistency proof from size ${fromSize} to size ${toSize}`);
  if (fromSize === 0 || fromSize === toSize) return [];
  const proof: Buffer[] = [];
  let start = 0;
  let end = toSize;
  let m = fromSize;
  let complete = true;
  // SUBPROOF(m, D[start:end], complete), unrolled; node hashes are collected root first.
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      proof.push(hashRange(start + k, end));
      end = start + k;
    } else {
      proof.push(hashRange(start, start + k));
      start += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) proof.push(hashRange(start, end));
  return proof.reverse();
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function wellFormed(hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h.length === HASH_BYTES);
}

/** RFC 9162 2.1.3.2: does `path` prove leaf `index` (hash `leaf`) is in the tree of `size` with `root`? */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (leaf.length !== HASH_BYTES || !wellFormed(path)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

/**
 * RFC 9162 2.1.4.2: does `proof` show the tree of `toSize` (root `toRoot`) extends the tree of
 * `fromSize` (root `fromRoot`)? Every element is used, in order, in both roots: a proof that
 * skips or reorders any node cannot pass. A consistency proof from the empty tree proves nothing
 * and is refused, as the transparency-dev verifier does.
 */
export function verifyConsistency(
  fromSize: number,
  toSize: number,
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(fromSize) || !Number.isSafeInteger(toSize) || fromSize < 1 || toSize < fromSize) return false;
  if (fromSize === toSize) return proof.length === 0 && equal(fromRoot, toRoot);
  if (fromRoot.length !== HASH_BYTES || toRoot.length !== HASH_BYTES || !wellFormed(proof)) return false;
  const plan = consistencyPlan(fromSize, toSize, proof.length);
  if (!plan) return false;
  const path = plan.seeded ? [fromRoot, ...proof] : [...proof];
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  plan.steps.forEach((step, i) => {
    const c = path[i + 1]!;
    if (step === 'left') {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
    } else {
      sr = nodeHash(sr, c);
    }
  });
  return equal(fr, fromRoot) && equal(sr, toRoot);
}
