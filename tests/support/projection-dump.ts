import type { ReadModelDatabase } from '../../projections/read-model/database.ts';
import { baseJoin, versionState, viewOf, type StoredVersion } from '../../projections/register/stored-version.ts';

/** Every row the projections wrote, in a stable order, with exact integers: for comparing two read models. */
export interface ReadModelDump {
  readonly checkpoints: readonly unknown[];
  readonly log: readonly unknown[];
  readonly items: readonly unknown[];
  /**
   * Every version with the state it gives. How the states are stored (whole or changed since a
   * base, fields in which order) is the read model's own business.
   */
  readonly versions: readonly unknown[];
  /** The Merkle tree's stored nodes (level, index, hash in hex). */
  readonly merkle: readonly unknown[];
}

export function dumpReadModel(db: ReadModelDatabase): ReadModelDump {
  const all = (sql: string) => db.prepare(sql).safeIntegers(true).all();
  return {
    checkpoints: all('SELECT * FROM checkpoints ORDER BY name'),
    log: all(
      `SELECT seq, commit_position, prepare_position, event_id, stream, revision, item_id, kind, event_type, correction,
         recorded_at, effective_at, actor, reason, data FROM log ORDER BY seq`,
    ),
    items: all('SELECT * FROM items ORDER BY item_id'),
    versions: (
      all(
        `SELECT l.item_id, l.seq, l.version, l.changed_fields, ${versionState} FROM log l ${baseJoin}
         WHERE l.item_id IS NOT NULL ORDER BY l.item_id, l.seq`,
      ) as (StoredVersion & { item_id: string; seq: bigint; version: bigint; changed_fields: string })[]
    ).map((row) => ({
      item_id: row.item_id,
      seq: row.seq,
      version: row.version,
      changed_fields: (JSON.parse(row.changed_fields) as string[]).sort(),
      view: viewOf(row),
    })),
    merkle: all('SELECT level, idx, hex(hash) AS hash FROM merkle_nodes ORDER BY level, idx'),
  };
}
