import type { ReadModelDatabase } from '../../projections/read-model/database.ts';

/** Every row the projections wrote, in a stable order, with exact integers: for comparing two read models. */
export interface ReadModelDump {
  readonly checkpoints: readonly unknown[];
  readonly log: readonly unknown[];
  readonly items: readonly unknown[];
  readonly versions: readonly unknown[];
}

export function dumpReadModel(db: ReadModelDatabase): ReadModelDump {
  const all = (sql: string) => db.prepare(sql).safeIntegers(true).all();
  return {
    checkpoints: all('SELECT * FROM checkpoints ORDER BY name'),
    log: all('SELECT * FROM log ORDER BY seq'),
    items: all('SELECT * FROM items ORDER BY item_id'),
    versions: all(
      'SELECT item_id, begin_seq, end_seq, version, kind, event_type, correction, changed_fields, state FROM versions ORDER BY item_id, begin_seq',
    ),
  };
}
