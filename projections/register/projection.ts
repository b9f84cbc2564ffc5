import { defineProjection } from '../runner/projection.ts';
import { changedFields } from './fields.ts';
import { baseJoin, removedFields, versionState, viewOf, type StoredVersion } from './stored-version.ts';

interface CachedItem {
  readonly view: Record<string, unknown>;
  readonly version: number;
  /** The seq of the version whose whole state is stored; undefined: the next version stores its whole state. */
  readonly baseSeq: number | undefined;
  /** Length of that whole state as stored. */
  readonly baseLength: number;
  /**
   * Fields changed since the base, in name order (their values make the next version's stored
   * state). Never changed in place: a version that changes no new field shares its base's list.
   */
  readonly changedSinceBase: readonly string[];
}

/**
 * A version's state is stored as the fields changed since its base while that stays below
 * this share of the base's size; past it, the whole state is stored again and becomes the
 * base. Any version is then two rows (itself and its base), and the stored states add up to
 * a few times the size of the changes rather than the size of the state for every event.
 */
const DELTA_SHARE_OF_BASE = 0.25;

/**
 * The log index and the register, in one row per event: every event with its position,
 * stream, item, type, times and actor; an event that changes an item also with the version it
 * made (valid from its seq to the seq of the item's next one), so "the register at seq S" is
 * a lookup, never a replay. `items.current_seq` points at each item's latest version.
 */
export const registerProjection = defineProjection({
  name: 'register',
  handles: 'all',
  // Items before their moves: a batch's move of an item it created runs after the item's insert.
  writes: {
    log: `INSERT INTO log (seq, commit_position, prepare_position, event_id, stream, revision, item_id, kind, event_type,
        correction, recorded_at, effective_at, actor, reason, data, version, base_seq, changed_fields, removed, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    item: `INSERT INTO items (item_id, kind, created_seq, current_seq) VALUES (?, ?, ?, ?)`,
    currentVersion: `UPDATE items SET current_seq = ? WHERE item_id = ?`,
  },
  fold(db, write) {
    const cache = new Map<string, CachedItem>();
    /** Items whose latest version moved in this batch, to their latest seq: one update per item per batch. */
    const moved = new Map<string, number>();
    const loadCurrent = db.prepare(
      `SELECT l.version, l.base_seq, ${versionState} FROM items i JOIN log l ON l.seq = i.current_seq ${baseJoin} WHERE i.item_id = ?`,
    );

    function current(itemId: string): CachedItem | undefined {
      const cached = cache.get(itemId);
      if (cached) return cached;
      const found = loadCurrent.get(itemId) as (StoredVersion & { version: number; base_seq: number }) | undefined;
      if (!found) return undefined;
      // Picks up where the item's versions were stored before, so a restart stores what an unbroken run would.
      const whole = found.base_state === null;
      const item = {
        view: viewOf(found),
        version: Number(found.version),
        baseSeq: Number(found.base_seq),
        baseLength: (found.base_state ?? found.state).length,
        changedSinceBase: whole ? [] : [...Object.keys(JSON.parse(found.state) as object), ...removedFields(found)].sort(),
      };
      cache.set(itemId, item);
      return item;
    }

    return {
      apply({ seq, event, decoded, module, itemId, correction }) {
        const metadata = decoded?.metadata;
        const isItemEvent = decoded !== undefined && module !== undefined && itemId !== undefined;
        const before = isItemEvent ? current(itemId) : undefined;
        const view = isItemEvent ? module.evolveView(before?.view ?? null, { type: decoded.type, data: decoded.data }) : undefined;
        const version = (before?.version ?? 0) + 1;
        const changed = view ? changedFields(before?.view ?? null, view) : [];
        const next = view ? stored(before, view, version, seq, changed) : undefined;
        write.log(
          seq,
          event.position.commit,
          event.position.prepare,
          event.id,
          event.stream,
          event.revision,
          itemId ?? null,
          module?.kind ?? null,
          event.type,
          correction ? 1 : 0,
          event.recordedAt,
          metadata?.effectiveAt ?? null,
          metadata?.actor ?? null,
          metadata?.reason ?? null,
          JSON.stringify(decoded ? decoded.data : event.data),
          next ? version : null,
          next?.item.baseSeq ?? null,
          next ? JSON.stringify(changed) : null,
          next?.removed ?? null,
          next?.state ?? null,
        );
        if (!isItemEvent || !view || !next) return;
        if (before) moved.set(itemId, seq);
        else write.item(itemId, module.kind, seq, seq);
        cache.set(itemId, next.item);
        return { itemId, kind: module.kind, version, view };
      },
      flush() {
        for (const [itemId, seq] of moved) write.currentVersion(seq, itemId);
        moved.clear();
      },
    };
  },
});

/** How the version `view` is stored after `before`: the fields changed since their base, or whole. */
function stored(
  before: CachedItem | undefined,
  view: Record<string, unknown>,
  version: number,
  seq: number,
  changed: readonly string[],
): { item: CachedItem; state: string; removed: string | null } {
  if (before?.baseSeq !== undefined) {
    const since = withFields(before.changedSinceBase, changed);
    const values: Record<string, unknown> = {};
    const removed: string[] = [];
    // In name order: the stored state does not depend on the order the fields changed in.
    for (const field of since) {
      if (view[field] === undefined) removed.push(field);
      else values[field] = view[field];
    }
    const state = JSON.stringify(values);
    if (state.length <= before.baseLength * DELTA_SHARE_OF_BASE) {
      const item = { view, version, baseSeq: before.baseSeq, baseLength: before.baseLength, changedSinceBase: since };
      return { item, state, removed: removed.length === 0 ? null : JSON.stringify(removed) };
    }
  }
  const state = JSON.stringify(view);
  return { item: { view, version, baseSeq: seq, baseLength: state.length, changedSinceBase: [] }, state, removed: null };
}

/**
 * `sorted` with `fields` added, in name order: `sorted` itself when it has them all already (most
 * events change fields that changed before), so a catch-up copies and sorts only on a new field.
 */
function withFields(sorted: readonly string[], fields: readonly string[]): readonly string[] {
  const added = fields.filter((field) => !sorted.includes(field));
  return added.length === 0 ? sorted : [...sorted, ...added].sort();
}
