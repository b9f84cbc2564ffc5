import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactRange } from '../../services/transparency/compact-range.ts';
import { leafHash, listRangeHasher, rootOfLeafHashes } from '../../services/transparency/merkle.ts';

const log = fc
  .array(fc.uint8Array({ maxLength: 8 }), { maxLength: 70 })
  .map((entries) => entries.map((e, i) => leafHash(Buffer.concat([Buffer.from(`${i}:`), e]))));

/**
 * The projection, the verifier and the bench's log builder grow their trees with one compact
 * range: its roots must be the RFC's, and the nodes it reports completed must be the subtrees
 * the stored tree keeps, whatever the size.
 */
describe('the compact range of a growing Merkle tree', () => {
  it("has the RFC 9162 root after every append, and restores from a tree's perfect subtrees", () => {
    fc.assert(
      fc.property(log, (leaves) => {
        const range = new CompactRange();
        leaves.forEach((leaf, i) => {
          range.append(leaf);
          expect(range.root().equals(rootOfLeafHashes(leaves.slice(0, i + 1)))).toBe(true);
        });
        const hashRange = listRangeHasher(leaves);
        const restored = CompactRange.restore(leaves.length, (level, index) => hashRange(index * 2 ** level, (index + 1) * 2 ** level));
        expect(restored.size).toBe(leaves.length);
        expect(restored.root().equals(rootOfLeafHashes(leaves))).toBe(true);
      }),
    );
  });

  it('reports every perfect subtree an append completes, at its level and index', () => {
    fc.assert(
      fc.property(log, (leaves) => {
        const range = new CompactRange();
        const hashRange = listRangeHasher(leaves);
        for (const leaf of leaves) {
          range.append(leaf, (level, index, node) => {
            expect(node.equals(hashRange(index * 2 ** level, (index + 1) * 2 ** level))).toBe(true);
            return undefined;
          });
        }
      }),
    );
  });

  it('adds nothing when the visitor refuses a completed node', () => {
    const leaves = [0, 1, 2, 3].map((i) => leafHash(Buffer.from([i])));
    const range = new CompactRange();
    for (const leaf of leaves.slice(0, 3)) range.append(leaf);
    const before = range.root();
    const problem = range.append(leaves[3]!, (level) => (level === 2 ? 'node (2, 0) differs' : undefined));
    expect(problem).toBe('node (2, 0) differs');
    expect(range.size).toBe(3);
    expect(range.root().equals(before)).toBe(true);
  });
});
