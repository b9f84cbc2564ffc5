import type { ReadModelDatabase } from '../../projections/read-model/database.ts';
import { CompactRange } from './compact-range.ts';
import { EMPTY_ROOT, consistencyPath, inclusionPath, nodeHash, splitPoint, type RangeHasher } from './merkle.ts';

/**
 * The log's Merkle tree as stored in the read model: the hash of every perfect subtree, keyed by
 * (level, index), level 0 being the leaves. An append writes the leaf and the subtrees it
 * completes (two rows per leaf on average, O(log n) at most); any tree size's root and proofs
 * are then O(log n) lookups, never a rescan.
 */
export const MERKLE_DDL = `
CREATE TABLE IF NOT EXISTS merkle_nodes (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;`;

export class StoredTree {
  private readonly nodeAt;
  private readonly leafCount;

  constructor(db: ReadModelDatabase) {
    this.nodeAt = db.prepare(`SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?`).pluck();
    this.leafCount = db.prepare(`SELECT COALESCE(MAX(idx) + 1, 0) FROM merkle_nodes WHERE level = 0`).pluck();
  }

  /** Number of leaves (events) in the tree. */
  size(): number {
    return Number(this.leafCount.get());
  }

  node(level: number, index: number): Buffer {
    const hash = this.nodeAt.get(level, index) as Buffer | undefined;
    if (!hash) throw new Error(`the stored Merkle tree has no node (${level}, ${index})`);
    return hash;
  }

  readonly hashRange: RangeHasher = (start, end) => {
    const width = end - start;
    if ((width & (width - 1)) === 0 && start % width === 0) return this.node(Math.log2(width), start / width);
    const k = splitPoint(width);
    return nodeHash(this.hashRange(start, start + k), this.hashRange(start + k, end));
  };

  root(size: number): Buffer {
    this.checkSize(size);
    return size === 0 ? EMPTY_ROOT : this.hashRange(0, size);
  }

  leaf(index: number): Buffer {
    return this.node(0, index);
  }

  inclusionProof(index: number, size: number): Buffer[] {
    this.checkSize(size);
    return inclusionPath(this.hashRange, index, size);
  }

  consistencyProof(fromSize: number, toSize: number): Buffer[] {
    this.checkSize(toSize);
    return consistencyPath(this.hashRange, fromSize, toSize);
  }

  private checkSize(size: number): void {
    const have = this.size();
    if (!Number.isSafeInteger(size) || size < 0 || size > have) {
      throw new RangeError(`tree size ${size} is not between 0 and the tree's ${have} leaves`);
    }
  }
}

/** Appends leaves, writing each leaf and every subtree it completes; nothing is read back. */
export class TreeAppender {
  private readonly insert;
  private readonly range: CompactRange;

  constructor(db: ReadModelDatabase) {
    this.insert = db.prepare(`INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)`);
    const tree = new StoredTree(db);
    this.range = CompactRange.restore(tree.size(), (level, index) => tree.node(level, index));
  }

  get size(): number {
    return this.range.size;
  }

  /** Adds leaf number `index`, which must be the next one. */
  append(index: number, hash: Buffer): void {
    if (index !== this.range.size) throw new Error(`Merkle leaf ${index} arrived where leaf ${this.range.size} was next`);
    this.range.append(hash, (level, at, node) => {
      this.insert.run(level, at, node);
      return undefined;
    });
  }
}
