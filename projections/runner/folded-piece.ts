import type { Position } from '../../services/core/position.ts';
import type { PackedBytes } from './packed-bytes.ts';
import type { AppliedChange, SqlValue } from './projection.ts';

/**
 * Consecutive events of the log as a bulk catch-up's reader thread folded them, for the writing
 * thread to run: what their folds wrote, and what the checkpoint needs. Plain data, so it
 * crosses between threads as one structured copy.
 */
export interface FoldedPiece {
  /** The seq of the first event (its number in the read model's log). */
  readonly firstSeq: number;
  /** The events' ids and positions, in log order; empty for a piece that only ends its batch. */
  readonly ids: readonly string[];
  readonly positions: readonly Position[];
  /** By write channel (writeChannels' order): each write's parameters, in the order the folds made them. */
  readonly writes: readonly (readonly (readonly SqlValue[])[])[];
  /** By preparing projection (in the projections' order): what it prepared of each event, for its fold on the writing thread. */
  readonly prepared: readonly PackedBytes[];
  /** The item changes listeners are to hear of (the job's `notify`), in log order. */
  readonly changes: readonly AppliedChange[];
  /** The batch's last piece: its writes include those the folds kept back for the batch (their flush). */
  readonly endsBatch: boolean;
  /** What the folds warned of (an event type not known to this version), for the writing thread's log. */
  readonly warnings: readonly string[];
}
