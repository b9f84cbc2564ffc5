import type { ItemKind } from '../core/decider.ts';
import type { Register } from '../register.ts';
import { toItemObject, type ItemObject, type ShapeContext } from './views.ts';

interface Shaped {
  /** The read model's stamp when the list was read: it changes as the read model moves or is swapped. */
  readonly stamp: string;
  /** "Overdue" is decided against the day. */
  readonly today: string;
  readonly items: readonly ItemObject[];
}

/**
 * Every item of a kind as it stands now, shaped for GraphQL, kept until the read model moves.
 * Reading and shaping a whole kind per request (SQL, a JSON.parse per state, an object per
 * item) cost milliseconds; the register changes far less often than it is read.
 *
 * Read-your-writes holds: a write answers only once the runner has applied it, which moves
 * the read model's stamp past it, so the first read after sees a stale key and reads again.
 * Only the register now is kept: a query `at` a point reads the versions. The lists are
 * shared between requests and must not be changed by their readers.
 */
export class CurrentItems {
  private readonly byKind = new Map<ItemKind, Shaped>();

  constructor(private readonly register: Register) {}

  of(kind: ItemKind, shape: ShapeContext): readonly ItemObject[] {
    const today = shape.today;
    const stamp = this.register.readModelStamp();
    const kept = this.byKind.get(kind);
    if (kept && stamp !== undefined && kept.stamp === stamp && kept.today === today) return kept.items;
    const items = this.register.itemsAt.items(kind).map((item) => toItemObject(item, shape, undefined));
    // Only this process's runner writes the read model while it follows the log; a stopped
    // runner's read model could be moved by another process, so nothing is kept then.
    if (stamp !== undefined) this.byKind.set(kind, { stamp, today, items });
    else this.byKind.delete(kind);
    return items;
  }
}
