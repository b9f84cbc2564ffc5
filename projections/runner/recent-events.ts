import type { StoredEvent } from '../../services/core/event-store.ts';
import { comparePositions, formatPosition, type Position } from '../../services/core/position.ts';

/** How many recently applied events are remembered, to tell the register's own writes from another log's. */
const CAPACITY = 4096;

/**
 * The ids of the events applied last, by position. A write acknowledged after the read model
 * already applied it is recognised by its event id; a new write at or before the checkpoint
 * that the read model did not apply there means the log went back.
 */
export class RecentEvents {
  private readonly byPosition = new Map<string, { readonly id: string; readonly position: Position }>();

  remember(events: readonly Pick<StoredEvent, 'id' | 'position'>[]): void {
    for (const event of events) this.byPosition.set(formatPosition(event.position), { id: event.id, position: event.position });
    if (this.byPosition.size <= CAPACITY) return;
    const keys = this.byPosition.keys();
    while (this.byPosition.size > CAPACITY) this.byPosition.delete(keys.next().value!);
  }

  forget(): void {
    this.byPosition.clear();
  }

  /** True when the event applied at `position` is known to be another than `eventId`. */
  contradicts(position: Position, eventId: string): boolean {
    const applied = this.byPosition.get(formatPosition(position));
    if (applied) return applied.id !== eventId;
    // Until full it holds every event applied since it began; after that, a position older
    // than the oldest remembered cannot be told apart.
    const oldest = this.byPosition.values().next().value;
    return this.byPosition.size < CAPACITY || (oldest !== undefined && comparePositions(position, oldest.position) > 0);
  }
}
