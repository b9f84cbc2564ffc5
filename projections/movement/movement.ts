import type { ItemKind } from '../../services/core/decider.ts';
import { ValidationError } from '../../services/core/errors.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import type { ChangeKind } from '../../services/core/presenter.ts';
import { reasonOf } from '../../services/core/corrections.ts';
import type { ReadModelDatabase } from '../read-model/database.ts';
import { statement } from '../read-model/statements.ts';
import {
  toItemVersion,
  versionColumns,
  versionsFrom,
  type ItemVersion,
  type RegisterQueries,
  type ResolvedPoint,
  type VersionRow,
} from '../register/queries.ts';
import { changedFields } from '../register/fields.ts';
import { viewOf } from '../register/stored-version.ts';
import { describeChanges, describeUnchanged } from './wording.ts';

export type { ChangeKind };

export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface ItemMovement {
  readonly id: string;
  readonly kind: ItemKind;
  readonly change: ChangeKind;
  /** Fields that moved (corrections excluded), old -> new. */
  readonly fields: readonly FieldChange[];
  /** The pack's wording, one line per change. */
  readonly summary: readonly string[];
  readonly before: ItemVersion | undefined;
  readonly after: ItemVersion;
}

export interface CorrectionEntry {
  readonly id: string;
  readonly kind: ItemKind;
  readonly seq: number;
  readonly eventType: string;
  readonly fields: readonly FieldChange[];
  readonly reason: string | null;
  readonly actor: string | null;
  readonly recordedAt: string;
}

export interface Movement {
  readonly from: ResolvedPoint;
  readonly to: ResolvedPoint;
  readonly items: readonly ItemMovement[];
  /** Data-entry fixes between the two points: listed apart, never counted as movement. */
  readonly corrections: readonly CorrectionEntry[];
}

/** A version made between the two points, with the log row of the event that made it. */
interface TouchRow extends VersionRow {
  correction: bigint;
  changed_fields: string;
  stated_reason: unknown;
  write_reason: string | null;
  /** begin_seq of the item's version before this one; null for its first. */
  previous_seq: bigint | null;
}

interface Touched {
  readonly kind: ItemKind;
  /** Fields moved by events other than corrections. */
  readonly moved: Set<string>;
  /** The item at `from`; undefined when it did not exist yet. */
  readonly before: ItemVersion | undefined;
  /** The item's latest version so far in the range: at the end, the item at `to`. */
  last: TouchRow;
  /** The state before `last`, parsed only when a correction needs it. */
  lastBefore: () => Record<string, unknown> | null;
}

const collator = new Intl.Collator();

/** Versions read per step: a step of movement's work is a few milliseconds. */
const ROWS_PER_STEP = 200;
/** Items described or listed per step. */
const ITEMS_PER_STEP = 200;

type MovementOptions = { kinds?: readonly ItemKind[]; includeUnchanged?: boolean };

/**
 * What moved between two points. Only items touched between them are diffed (a range scan
 * of the log index joined to their versions), so the cost follows the number of changes,
 * not the length of the log; unchanged items are listed from the register at `to`, their
 * states parsed only if a caller reads them.
 */
export function computeMovement(
  db: ReadModelDatabase,
  queries: RegisterQueries,
  registry: ItemRegistry,
  from: ResolvedPoint,
  to: ResolvedPoint,
  options: MovementOptions = {},
): Movement {
  const steps = movementSteps(db, queries, registry, from, to, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, handing the event loop back between steps (`pause`), so a movement over a long
 * range never holds it for more than one step and other requests answer meanwhile. The points
 * are fixed seqs the read model has reached: nothing between them changes during the pauses.
 */
export async function computeMovementInSteps(
  db: ReadModelDatabase,
  queries: RegisterQueries,
  registry: ItemRegistry,
  from: ResolvedPoint,
  to: ResolvedPoint,
  pause: () => Promise<void>,
  options: MovementOptions = {},
): Promise<Movement> {
  const steps = movementSteps(db, queries, registry, from, to, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/**
 * Movement's work as steps. The versions in the range are read a page at a time and only the
 * latest per item is kept, so memory follows the number of items, not the number of changes.
 */
function* movementSteps(
  db: ReadModelDatabase,
  queries: RegisterQueries,
  registry: ItemRegistry,
  from: ResolvedPoint,
  to: ResolvedPoint,
  options: MovementOptions,
): Generator<void, Movement, void> {
  const kinds = new Set(options.kinds ?? registry.kinds);
  if (from.seq > to.seq) {
    throw new ValidationError([{ path: ['from'], message: 'must not be later than `to`' }]);
  }
  // A version is the log row of the event that made it: the range is one walk of the log's
  // own b-tree (rows without an item made no version).
  const touchPage = statement(
    db,
    `SELECT ${versionColumns}, l.correction, l.changed_fields,
       json_extract(l.data, '$.reason') AS stated_reason, l.reason AS write_reason,
       (SELECT MAX(p.seq) FROM log p WHERE p.item_id = l.item_id AND p.seq < l.seq) AS previous_seq
     FROM ${versionsFrom}
     WHERE l.seq > ? AND l.seq <= ? AND l.item_id IS NOT NULL ORDER BY l.seq LIMIT ?`,
    true,
  );
  const versionAt = statement(db, `SELECT ${versionColumns} FROM ${versionsFrom} WHERE l.seq = ?`, true);

  const touched = new Map<string, Touched>();
  const corrections: CorrectionEntry[] = [];
  let after: number | bigint = from.seq;
  for (;;) {
    const page = touchPage.all(after, to.seq, ROWS_PER_STEP) as TouchRow[];
    for (const row of page) {
      const kind = row.kind;
      if (!kinds.has(kind)) continue;
      let entry = touched.get(row.item_id);
      if (!entry) {
        // Nothing touched the item between `from` and this event: its state before it is its state at `from`.
        const beforeRow = row.previous_seq === null ? undefined : (versionAt.get(row.previous_seq) as VersionRow | undefined);
        const before = beforeRow && toItemVersion(beforeRow);
        entry = { kind, moved: new Set<string>(), before, last: row, lastBefore: () => before?.view ?? null };
        touched.set(row.item_id, entry);
      } else {
        const previous = entry.last;
        entry.lastBefore = () => viewOf(previous);
        entry.last = row;
      }
      const fields = JSON.parse(row.changed_fields) as string[];
      if (Number(row.correction) === 1) {
        const prior = entry.lastBefore();
        const state = viewOf(row);
        corrections.push({
          id: row.item_id,
          kind,
          seq: Number(row.begin_seq),
          eventType: row.event_type,
          fields: fields.map((field) => ({ field, from: prior?.[field] ?? null, to: state[field] ?? null })),
          reason: reasonOf(row.write_reason, { reason: row.stated_reason }),
          actor: row.actor,
          recordedAt: row.recorded_at,
        });
      } else {
        for (const f of fields) entry.moved.add(f);
      }
    }
    if (page.length < ROWS_PER_STEP) break;
    after = page[page.length - 1]!.begin_seq;
    yield;
  }

  const items: ItemMovement[] = [];
  for (const [, { kind, moved, before, last }] of touched) {
    items.push(describeItem(registry, kind, before, toItemVersion(last), moved));
    if (items.length % ITEMS_PER_STEP === 0) yield;
  }
  if (options.includeUnchanged ?? true) {
    for (const kind of kinds) {
      yield;
      for (const item of queries.items(kind, to.seq, { lazyViews: true })) {
        if (touched.has(item.id)) continue;
        items.push({ id: item.id, kind, change: 'UNCHANGED', fields: [], summary: [describeUnchanged()], before: item, after: item });
      }
    }
  }
  items.sort((a, b) => (a.kind === b.kind ? collator.compare(a.id, b.id) : collator.compare(a.kind, b.kind)));
  return { from, to, items, corrections };
}

export function describeItem(
  registry: ItemRegistry,
  kind: ItemKind,
  before: ItemVersion | undefined,
  after: ItemVersion,
  moved: Set<string>,
): ItemMovement {
  const presenter = registry.presenterOf(kind);
  if (!before) {
    return { id: after.id, kind, change: 'NEW', fields: [], summary: [presenter.describeNew(after.view)], before, after };
  }
  const fields = changedFields(before.view, after.view)
    .filter((f) => moved.has(f))
    .map((field) => ({ field, from: before.view[field] ?? null, to: after.view[field] ?? null }));
  if (fields.length === 0) {
    return { id: after.id, kind, change: 'UNCHANGED', fields, summary: [describeUnchanged()], before, after };
  }
  const names = fields.map((f) => f.field);
  const summary = describeChanges(presenter, before.view, after.view, names);
  // Closing moves get their own kind: the item ended up closed, and its closing moved.
  const change = presenter.classify?.(after.view, (field) => names.includes(field)) ?? 'CHANGED';
  return { id: after.id, kind, change, fields, summary, before, after };
}
