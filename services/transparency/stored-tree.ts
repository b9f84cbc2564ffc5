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

/** How a node is written: level, index, hash. */
export const MERKLE_NODE_INSERT = `INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)`;

export class StoredTree {
  private readonly nodeAt;
  private readonly leafCount;
  private readonly nodesBetween;

  constructor(db: ReadModelDatabase) {
    this.nodeAt = db.prepare(`SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?`).pluck();
    this.nodesBetween = db.prepare(`SELECT idx, hash FROM merkle_nodes WHERE level = ? AND idx BETWEEN ? AND ?`).raw();
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

  /**
   * The stored nodes at `level` with indexes `from` to `to` (inclusive), by index, in one range
   * read: a walk over many leaves reads a level's nodes at once, not one statement per node.
   */
  private nodesAt(level: number, from: number, to: number): Map<number, Buffer> {
    const rows = this.nodesBetween.all(level, from, to) as [number | bigint, Buffer][];
    return new Map(rows.map(([index, hash]) => [Number(index), hash]));
  }

  /**
   * Every stored node that appending leaves `first` to `end` - 1 completes, by level: at level
   * L, the nodes whose last leaf, (index + 1) * 2^L - 1, is one of them.
   */
  nodesCompletedBy(first: number, end: number): Map<number, Buffer>[] {
    const levels: Map<number, Buffer>[] = [];
    for (let level = 0, width = 1; width <= end; level++, width *= 2) {
      const from = Math.ceil((first + 1) / width) - 1;
      const to = Math.floor(end / width) - 1;
      levels.push(to >= from ? this.nodesAt(level, from, to) : new Map<number, Buffer>());
    }
    return levels;
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

/**
 * Appends leaves, keeping back each leaf and every subtree it completes until `flush`, which
 * writes them level by level in index order: each level's rows then go to the end of one run
 * of the table's b-tree, not alternately to the ends of twenty. Measured raw on the rows of a
 * 1M-event read model, in 5,000-event transactions: 19.0-19.7 s with each batch's log rows
 * before its nodes, 21.0-23.4 s with the nodes inserted as they are completed. Nothing is read
 * back.
 */
export class TreeAppender {
  private readonly range: CompactRange;
  /** By level: the completed nodes not yet written, in index order (the first's index, then hashes). */
  private pending: { first: number; hashes: Buffer[] }[] = [];

  /** Grows the tree `db` holds; `insertNode` writes one node (MERKLE_NODE_INSERT's parameters). */
  constructor(
    db: ReadModelDatabase,
    private readonly insertNode: (level: number, index: number, hash: Uint8Array) => void,
  ) {
    const tree = new StoredTree(db);
    this.range = CompactRange.restore(tree.size(), (level, index) => tree.node(level, index));
  }

  get size(): number {
    return this.range.size;
  }

  /** Adds leaf number `index`, which must be the next one; written at the next `flush`. */
  append(index: number, hash: Buffer): void {
    if (index !== this.range.size) throw new Error(`Merkle leaf ${index} arrived where leaf ${this.range.size} was next`);
    this.range.append(hash, (level, at, node) => {
      const nodes = (this.pending[level] ??= { first: at, hashes: [] });
      nodes.hashes.push(node);
      return undefined;
    });
  }

  /** Writes every node appended since the last flush (inside the caller's transaction). */
  flush(): void {
    for (let level = 0; level < this.pending.length; level++) {
      const nodes = this.pending[level];
      if (!nodes) continue;
      for (let offset = 0; offset < nodes.hashes.length; offset++) this.insertNode(level, nodes.first + offset, nodes.hashes[offset]!);
    }
    this.pending = [];
  }
}
