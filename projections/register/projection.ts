import type { Projection } from '../runner/projection.ts';
import { changedFields } from './fields.ts';

interface CachedItem {
  view: Record<string, unknown>;
  version: number;
  /** The current version's begin_seq, its rowid. */
  beginSeq: number;
}

/**
 * Current state and every version of every item. Each version row is valid from the seq of
 * the event that made it to the seq of the next one, so "the register at seq S" is a range
 * lookup, never a replay. `items.current_seq` points at each item's latest version.
 */
export const registerProjection: Projection = {
  name: 'register',
  handles: 'all',
  prepare(db) {
    const cache = new Map<string, CachedItem>();
    const loadCurrent = db.prepare(
      `SELECT v.begin_seq, v.state, v.version FROM items i JOIN versions v ON v.begin_seq = i.current_seq WHERE i.item_id = ?`,
    );
    const insertItem = db.prepare(`INSERT INTO items (item_id, kind, created_seq, current_seq) VALUES (?, ?, ?, ?)`);
    const moveCurrent = db.prepare(`UPDATE items SET current_seq = ? WHERE item_id = ?`);
    const closeVersion = db.prepare(`UPDATE versions SET end_seq = ? WHERE begin_seq = ?`);
    const insertVersion = db.prepare(`
      INSERT INTO versions (item_id, begin_seq, end_seq, version, kind, event_type, correction, changed_fields, state)
      VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)`);

    function current(itemId: string): CachedItem | undefined {
      const cached = cache.get(itemId);
      if (cached) return cached;
      const found = loadCurrent.get(itemId) as { begin_seq: number; state: string; version: number } | undefined;
      if (!found) return undefined;
      const item = {
        view: JSON.parse(found.state) as Record<string, unknown>,
        version: Number(found.version),
        beginSeq: Number(found.begin_seq),
      };
      cache.set(itemId, item);
      return item;
    }

    return {
      apply({ seq, decoded, module, itemId, correction }) {
        if (!decoded || !module || itemId === undefined) return;
        const before = current(itemId);
        const view = module.evolveView(before?.view ?? null, { type: decoded.type, data: decoded.data });
        const version = (before?.version ?? 0) + 1;
        if (before) {
          closeVersion.run(seq, before.beginSeq);
          moveCurrent.run(seq, itemId);
        } else {
          insertItem.run(itemId, module.kind, seq, seq);
        }
        insertVersion.run(
          itemId,
          seq,
          version,
          module.kind,
          decoded.type,
          correction ? 1 : 0,
          JSON.stringify(changedFields(before?.view ?? null, view)),
          JSON.stringify(view),
        );
        cache.set(itemId, { view, version, beginSeq: seq });
        return { itemId, kind: module.kind, version, view };
      },
    };
  },
};
