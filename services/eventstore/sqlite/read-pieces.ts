import type { ChunkPacer } from '../../core/chunk-pacer.ts';
import type { StoredEvent } from '../../core/event-store.ts';
import type { Position } from '../../core/position.ts';
import type { ReadRows } from './log-rows.ts';

/**
 * Reads up to `maxCount` events after `after` as several smaller synchronous reads, each sized by
 * `pacer` to fit its time budget, handing the event loop back between them: a read of thousands
 * of rows (rows fetched and their JSON parsed) would otherwise hold it for tens of milliseconds.
 * The log only grows at its end, so the pieces, each read after the last one's final position,
 * join into a prefix of the log after `after`, as one read would have been.
 */
export async function readInPieces(
  read: ReadRows,
  after: Position | undefined,
  maxCount: number,
  pacer: ChunkPacer,
  pause: () => Promise<void>,
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let cursor = after;
  while (events.length < maxCount) {
    if (events.length > 0) await pause();
    const size = pacer.nextSize(maxCount - events.length);
    const piece = pacer.timedList(size, () => read(cursor, size));
    for (const event of piece) events.push(event);
    // A short piece is the end of the log (for now).
    if (piece.length < size) break;
    cursor = piece[piece.length - 1]!.position;
  }
  return events;
}
