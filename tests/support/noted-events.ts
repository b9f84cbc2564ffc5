import type { NewEvent } from '../../services/core/event-store.ts';

/**
 * `count` events of a type no register kind knows ("SomethingNoted"): every projection but a
 * test's own counter passes them by. `series` keeps the ids of several calls apart.
 */
export function notedEvents(count: number, series = 0): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-9000-${(series * 10_000 + i).toString(16).padStart(12, '0')}`,
    type: 'SomethingNoted',
    data: { n: i },
    metadata: { actor: 'test' },
  }));
}
