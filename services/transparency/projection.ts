import { defineProjection } from '../../projections/runner/projection.ts';
import { eventLeafHash } from './leaf.ts';
import { MERKLE_NODE_INSERT, TreeAppender } from './stored-tree.ts';

/** The transparency tree: one leaf per event, leaf number seq - 1, in the checkpoint's transaction. */
export const merkleTreeProjection = defineProjection({
  name: 'merkle-tree',
  handles: 'all',
  writes: { node: MERKLE_NODE_INSERT },
  // Hashing the leaf is most of this projection's work, and needs the event alone.
  prepare: eventLeafHash,
  fold(db, write) {
    const tree = new TreeAppender(db, write.node);
    return {
      apply(seq: number, leaf: Uint8Array) {
        tree.append(seq - 1, asBuffer(leaf));
      },
      flush() {
        tree.flush();
      },
    };
  },
});

/** A view of the same bytes (a leaf that crossed from another thread arrives as a plain Uint8Array). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
