import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { EventStore } from '../../services/core/event-store.ts';
import { comparePositions, formatPosition } from '../../services/core/position.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import { bindingProblem } from '../runner/binding.ts';
import { readCheckpoint } from '../runner/engine.ts';
import { readModelFileProblem } from './soundness.ts';

export interface ReadModelAgreement {
  /** False when there is no read model file to compare. */
  readonly present: boolean;
  readonly checkpoint: string | null;
  readonly itemsSampled: number;
  /** Empty when the read model agrees with the log. */
  readonly problems: readonly string[];
}

/**
 * Compares a read model file with the log it claims to follow: its checkpoint (same store,
 * not beyond the head, the event it last applied still there) and, for a sample of items,
 * the version it shows against the events the log holds for that item up to the checkpoint.
 * Opens the file read-only, so it can run beside a server.
 */
export async function checkReadModelAgainstLog(
  path: string,
  store: EventStore,
  registry: ItemRegistry,
  sampleSize = 50,
): Promise<ReadModelAgreement> {
  if (!existsSync(path)) return { present: false, checkpoint: null, itemsSampled: 0, problems: [] };
  const damage = readModelFileProblem(path);
  if (damage) return { present: true, checkpoint: null, itemsSampled: 0, problems: [`the read model file is damaged: ${damage}`] };
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const checkpoint = readCheckpoint(db);
    const position = checkpoint.position;
    const summary = { present: true, checkpoint: position ? formatPosition(position) : null };
    if (!position) return { ...summary, itemsSampled: 0, problems: [] };
    const unbound = await bindingProblem(store, checkpoint, await store.identity());
    if (unbound) return { ...summary, itemsSampled: 0, problems: [unbound] };

    const sample = db
      .prepare(
        `SELECT i.item_id AS itemId, l.version AS version FROM items i JOIN log l ON l.seq = i.current_seq ORDER BY random() LIMIT ?`,
      )
      .all(sampleSize) as { itemId: string; version: number }[];
    const streamsOf = db.prepare(`SELECT DISTINCT stream FROM log WHERE item_id = ?`).pluck();
    const problems: string[] = [];
    for (const { itemId, version } of sample) {
      let inLog = 0;
      for (const stream of streamsOf.all(itemId) as string[]) {
        for (const event of await store.readStream(stream)) {
          if (comparePositions(event.position, position) > 0) break;
          const decoded = registry.catalogue.decode(event);
          const module = decoded ? registry.moduleForEventType(event.type) : undefined;
          if (module && decoded && module.itemIdOf(stream, { type: decoded.type, data: decoded.data }) === itemId) inLog++;
        }
      }
      if (inLog !== version)
        problems.push(
          `${itemId} is at version ${version} in the read model, but the log holds ${inLog} events for it up to the checkpoint`,
        );
    }
    return { ...summary, itemsSampled: sample.length, problems };
  } finally {
    db.close();
  }
}
