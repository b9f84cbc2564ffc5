import type { Projection } from '../../projections/runner/projection.ts';
import { eventLeafHash } from './leaf.ts';
import { TreeAppender } from './stored-tree.ts';

/** The transparency tree: one leaf per event, leaf number seq - 1, in the checkpoint's transaction. */
export const merkleTreeProjection: Projection = {
  name: 'merkle-tree',
  handles: 'all',
  prepare(db) {
    const tree = new TreeAppender(db);
    return {
      apply({ seq, event }) {
        tree.append(seq - 1, eventLeafHash(event));
      },
    };
  },
};
