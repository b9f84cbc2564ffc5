import type { Projection } from '../runner/projection.ts';
import { changedFields } from './fields.ts';

interface CachedItem {
  view: Record<string, unknown>;
  version: number;
  beginSeq: number;
}

/**
 * Current state and every version of every item. Each version row is valid from the seq of
 * the event that made it to the seq of the next one, so "the register at seq S" is a range
 * lookup, never a replay.
 */
export const registerProjection: Projection = {
  name: 'register',
  handles: 'all',
  prepare(db) {
    const cache = new Map<string, CachedItem>();
    // The current version is the item's latest: one step down the (item_id, begin_seq) key.
    const loadCurrent = db.prepare(
      `SELECT state, version, begin_seq FROM versions WHERE item_id = ? ORDER BY begin_seq DESC LIMIT 1`,
    );
    const insertItem = db.prepare(`INSERT INTO items (item_id, kind, created_seq) VALUES (?, ?, ?)`);
    const closeVersion = db.prepare(`UPDATE versions SET end_seq = ? WHERE item_id = ? AND begin_seq = ?`);
    const insertVersion = db.prepare(`
      INSERT INTO versions (item_id, begin_seq, end_seq, version, kind, event_type, correction, changed_fields, state)
      VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)`);

    function current(itemId: string): CachedItem | undefined {
      const cached = cache.get(itemId);
      if (cached) return cached;
      const row = loadCurrent.get(itemId) as { state: string; version: number; begin_seq: number } | undefined;
      if (!row) return undefined;
      const item = { view: JSON.parse(row.state) as Record<string, unknown>, version: Number(row.version), beginSeq: Number(row.begin_seq) };
      cache.set(itemId, item);
      return item;
    }

    return {
      apply({ seq, decoded, module, itemId, correction }) {
        if (!decoded || !module || itemId === undefined) return;
        const before = current(itemId);
        const view = module.evolveView(before?.view ?? null, { type: decoded.type, data: decoded.data });
        const version = (before?.version ?? 0) + 1;
        if (before) closeVersion.run(seq, itemId, before.beginSeq);
        else insertItem.run(itemId, module.kind, seq);
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
