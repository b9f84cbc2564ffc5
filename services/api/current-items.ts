import type { ItemKind } from '../core/decider.ts';
import type { Position } from '../core/position.ts';
import type { ReadModelDatabase } from '../../projections/read-model/database.ts';
import type { Register } from '../register.ts';
import { toItemObject, type ItemObject, type ShapeContext } from './views.ts';

interface Shaped {
  /** The runner's checkpoint when the list was read (copied: compared by value, not by identity). */
  readonly checkpoint: Position | undefined;
  /** A rebuild swaps the read model's database (and the runner's checkpoint with it). */
  readonly db: ReadModelDatabase;
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
 * the runner's checkpoint past it, so the first read after sees a stale key and reads again.
 * Only the register now is kept: a query `at` a point reads the versions. The lists are
 * shared between requests and must not be changed by their readers.
 */
export class CurrentItems {
  private readonly byKind = new Map<ItemKind, Shaped>();

  constructor(private readonly register: Register) {}

  of(kind: ItemKind, shape: ShapeContext): readonly ItemObject[] {
    const today = shape.today;
    const { runner, readModel } = this.register;
    const checkpoint = runner.checkpoint;
    const db = readModel.db;
    const kept = this.byKind.get(kind);
    if (kept && samePosition(kept.checkpoint, checkpoint) && kept.db === db && kept.today === today) return kept.items;
    const items = this.register.queries.items(kind).map((item) => toItemObject(item, shape, undefined));
    // Only this process's runner writes the read model while it follows the log; a stopped
    // runner's read model could be moved by another process, so nothing is kept then.
    if (runner.running) this.byKind.set(kind, { checkpoint: checkpoint && { ...checkpoint }, db, today, items });
    else this.byKind.delete(kind);
    return items;
  }
}

const samePosition = (a: Position | undefined, b: Position | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.commit === b.commit && a.prepare === b.prepare);
