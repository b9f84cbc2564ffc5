import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyPath,
  inclusionPath,
  leafHash,
  listRangeHasher,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../../services/transparency/merkle.ts';

/**
 * For random logs, every proof the tree hands out verifies, and every single change to a proof,
 * a leaf or a head is refused. immudb's 2022 advisory was a consistency check that skipped part
 * of the proof; the mutations below touch every element in turn, so such a check would fail here.
 * (A proof alone does not bind the tree size: an inclusion proof for size 3 also fits size 4.
 * The size is bound by the signed tree head, whose signature covers size and root together.)
 */
// Each entry carries its index, as every event carries its position: no two leaves are equal.
const log = fc
  .array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 70 })
  .map((entries) => entries.map((e, i) => leafHash(Buffer.concat([Buffer.from(`${i}:`), e]))));

function flipBit(hash: Buffer, bit: number): Buffer {
  const copy = Buffer.from(hash);
  copy[Math.floor(bit / 8) % copy.length]! ^= 1 << (bit % 8);
  return copy;
}

/** Every proof that differs from `proof` by one element changed, dropped, added, moved or substituted. */
function mutations(proof: readonly Buffer[], bit: number, stranger: Buffer): Buffer[][] {
  const out: Buffer[][] = [];
  proof.forEach((_, i) => {
    out.push(proof.map((p, j) => (j === i ? flipBit(p, bit) : p)));
    out.push(proof.filter((_, j) => j !== i));
    out.push(proof.map((p, j) => (j === i ? stranger : p)));
    if (i + 1 < proof.length && !proof[i]!.equals(proof[i + 1]!)) {
      out.push(proof.map((p, j) => (j === i ? proof[i + 1]! : j === i + 1 ? proof[i]! : p)));
    }
  });
  out.push([...proof, stranger], [stranger, ...proof]);
  if (proof.length > 0) out.push(proof.slice(0, -1));
  return out;
}

describe('inclusion proofs over random logs', () => {
  it('verify for every leaf, and fail after any single change', () => {
    fc.assert(
      fc.property(log, fc.nat(), fc.nat(255), (leaves, pick, bit) => {
        const size = leaves.length;
        const index = pick % size;
        const root = rootOfLeafHashes(leaves);
        const proof = inclusionPath(listRangeHasher(leaves), index, size);
        expect(verifyInclusion(index, size, leaves[index]!, proof, root)).toBe(true);
        const stranger = leafHash(Buffer.from('not in the log'));
        for (const changed of mutations(proof, bit, stranger)) {
          expect(verifyInclusion(index, size, leaves[index]!, changed, root)).toBe(false);
        }
        expect(verifyInclusion(index, size, flipBit(leaves[index]!, bit), proof, root)).toBe(false);
        expect(verifyInclusion(index, size, leaves[index]!, proof, flipBit(root, bit))).toBe(false);
        if (size > 1) {
          const other = (index + 1 + (pick % (size - 1))) % size;
          if (!leaves[other]!.equals(leaves[index]!)) expect(verifyInclusion(other, size, leaves[index]!, proof, root)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('consistency proofs over random logs', () => {
  it('verify for every m <= n, and fail after any single change or a rewritten history', () => {
    fc.assert(
      fc.property(log, fc.nat(), fc.nat(255), fc.nat(), (leaves, pick, bit, victim) => {
        const n = leaves.length;
        const m = 1 + (pick % n);
        const hasher = listRangeHasher(leaves);
        const oldRoot = rootOfLeafHashes(leaves.slice(0, m));
        const newRoot = rootOfLeafHashes(leaves);
        const proof = consistencyPath(hasher, m, n);
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof)).toBe(true);
        const stranger = leafHash(Buffer.from('not in the log'));
        for (const changed of mutations(proof, bit, stranger)) {
          expect(verifyConsistency(m, n, oldRoot, newRoot, changed)).toBe(false);
        }
        expect(verifyConsistency(m, n, flipBit(oldRoot, bit), newRoot, proof)).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, flipBit(newRoot, bit), proof)).toBe(false);
        // A log that rewrote one of the first m leaves cannot prove it extends the old head.
        const rewritten = leaves.map((leaf, i) => (i === victim % m ? flipBit(leaf, bit) : leaf));
        const forged = consistencyPath(listRangeHasher(rewritten), m, n);
        expect(verifyConsistency(m, n, oldRoot, rootOfLeafHashes(rewritten), forged)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
