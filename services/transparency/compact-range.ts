import { EMPTY_ROOT, nodeHash } from './merkle.ts';

/**
 * Sees each node an append completes: the leaf itself (level 0) and every perfect subtree it
 * closes, with its (level, index). Returning a problem stops the append and leaves the range
 * as it was.
 */
export type CompletedNodeVisitor = (level: number, index: number, hash: Buffer) => string | undefined;

/**
 * The compact range of a Merkle tree grown leaf by leaf (RFC 9162 trees): the roots of the
 * perfect subtrees it is made of, one per set bit of its size. Enough to append and to take
 * the root without reading any earlier leaf back; the tree projection, the verifier and the
 * bench's log builder all grow their trees with it.
 */
export class CompactRange {
  private readonly peaks = new Map<number, Buffer>();
  private count = 0;

  /** The range of a tree of `size` leaves whose perfect subtrees `nodeAt(level, index)` returns. */
  static restore(size: number, nodeAt: (level: number, index: number) => Buffer): CompactRange {
    const range = new CompactRange();
    for (let level = 0; 2 ** level <= size; level++) {
      const index = Math.floor(size / 2 ** level);
      if (index % 2 === 1) range.peaks.set(level, nodeAt(level, index - 1));
    }
    range.count = size;
    return range;
  }

  get size(): number {
    return this.count;
  }

  /** Adds the next leaf; returns the visitor's problem (and adds nothing) if it has one. */
  append(leaf: Buffer, visit?: CompletedNodeVisitor): string | undefined {
    let at = this.count;
    let level = 0;
    let node = leaf;
    const problem = visit?.(level, at, node);
    if (problem) return problem;
    const merged: number[] = [];
    while (at % 2 === 1) {
      node = nodeHash(this.peaks.get(level)!, node);
      merged.push(level);
      level++;
      at = (at - 1) / 2;
      const nodeProblem = visit?.(level, at, node);
      if (nodeProblem) return nodeProblem;
    }
    for (const done of merged) this.peaks.delete(done);
    this.peaks.set(level, node);
    this.count++;
    return undefined;
  }

  /** MTH of the leaves appended so far. */
  root(): Buffer {
    let root: Buffer | undefined;
    for (const level of [...this.peaks.keys()].sort((a, b) => a - b)) {
      const peak = this.peaks.get(level)!;
      root = root ? nodeHash(peak, root) : peak;
    }
    return root ?? EMPTY_ROOT;
  }
}
