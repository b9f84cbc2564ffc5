import type { Projection } from '../../projections/runner/projection.ts';
import { eventLeafHash } from './leaf.ts';
import { TreeAppender } from './stored-tree.ts';

/** The transparency tree: one leaf per event, leaf number seq - 1, in the checkpoint's transaction. */
export const merkleTreeProjection: Projection = {
  name: 'merkle-tree',
  handles: 'all',
  // Hashing the leaf is most of this projection's work, and needs the event alone.
  precompute: eventLeafHash,
  prepare(db) {
    const tree = new TreeAppender(db);
    return {
      apply({ seq, event }, leaf) {
        tree.append(seq - 1, leaf ? asBuffer(leaf) : eventLeafHash(event));
      },
      flush() {
        tree.flush();
      },
    };
  },
};

/** A view of the same bytes (a leaf that crossed from another thread arrives as a plain Uint8Array). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
