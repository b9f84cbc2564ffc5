import type { ReadModelDatabase } from '../../projections/read-model/database.ts';
import { statement } from '../../projections/read-model/statements.ts';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import type { RegisterKey } from './signing-key.ts';
import { StoredTree } from './stored-tree.ts';
import type { SignedTreeHead } from './tree-head.ts';

export interface InclusionProof {
  readonly eventId: string;
  readonly position: string;
  /** 0-based: the event's place in log order. */
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  /** RFC 9162 inclusion path, leaf's sibling first, hex. */
  readonly path: readonly string[];
}

export interface ConsistencyProof {
  readonly fromSize: number;
  readonly toSize: number;
  /** RFC 9162 consistency path, hex. */
  readonly path: readonly string[];
}

/** The log's transparency tree as the API serves it: signed heads and proofs, from the read model. */
export class Transparency {
  constructor(
    private readonly database: () => ReadModelDatabase,
    readonly key: RegisterKey,
    private readonly clock: () => Date,
  ) {}

  private tree(): StoredTree {
    return new StoredTree(this.database());
  }

  /** Events in the tree: the read model's head. */
  size(): number {
    return this.tree().size();
  }

  rootHash(size: number): string {
    return this.tree().root(this.checkedSize(size, 'treeSize')).toString('hex');
  }

  /** Signs the head at `size` (default: now). */
  signedHead(size?: number): SignedTreeHead {
    const tree = this.tree();
    const treeSize = size === undefined ? tree.size() : this.checkedSize(size, 'treeSize');
    return this.key.sign({ treeSize, rootHash: tree.root(treeSize).toString('hex'), timestamp: this.clock().toISOString() });
  }

  inclusionProof(eventId: string, treeSize?: number): InclusionProof {
    const tree = this.tree();
    const size = treeSize === undefined ? tree.size() : this.checkedSize(treeSize, 'treeSize');
    const row = statement(this.database(), `SELECT seq, commit_position, prepare_position FROM log WHERE event_id = ?`, true).get(
      eventId,
    ) as { seq: bigint; commit_position: bigint; prepare_position: bigint } | undefined;
    if (!row) throw new NotFoundError('Event', eventId);
    const leafIndex = Number(row.seq) - 1;
    if (leafIndex >= size) {
      throw new ValidationError([
        { path: ['treeSize'], message: `event ${eventId} is leaf ${leafIndex}, not in a tree of ${size} events` },
      ]);
    }
    const position =
      row.commit_position === row.prepare_position ? `${row.commit_position}` : `${row.commit_position}/${row.prepare_position}`;
    return {
      eventId,
      position,
      leafIndex,
      treeSize: size,
      leafHash: tree.leaf(leafIndex).toString('hex'),
      path: tree.inclusionProof(leafIndex, size).map((h) => h.toString('hex')),
    };
  }

  consistencyProof(fromSize: number, toSize?: number): ConsistencyProof {
    const tree = this.tree();
    const to = toSize === undefined ? tree.size() : this.checkedSize(toSize, 'toSize');
    const from = this.checkedSize(fromSize, 'fromSize');
    if (from > to) throw new ValidationError([{ path: ['fromSize'], message: `must not exceed toSize (${to})` }]);
    return { fromSize: from, toSize: to, path: tree.consistencyProof(from, to).map((h) => h.toString('hex')) };
  }

  private checkedSize(size: number, field: string): number {
    const have = this.tree().size();
    if (!Number.isSafeInteger(size) || size < 0 || size > have) {
      throw new ValidationError([{ path: [field], message: `must be a whole number from 0 to the tree's current size, ${have}` }]);
    }
    return size;
  }
}
