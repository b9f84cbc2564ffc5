import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadModelDatabase } from '../../projections/read-model/database.ts';
import { openProjectionHarness, type ProjectionHarness } from '../support/projection-harness.ts';
import { assessRisk, raiseRisk } from '../support/risk-commands.ts';

/*
 * On a file read model, lookups at past points made in one turn of the event loop share one
 * read transaction on a read-only connection (version-lookup.ts). What a caller depends on:
 * the same answers as the writer's own connection gives, whatever was written since the
 * snapshot began, and a WAL that can still be checkpointed once the turn is over.
 */

const directory = mkdtempSync(join(tmpdir(), 'ccag-past-snapshot-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

async function fileHarness(): Promise<ProjectionHarness> {
  files += 1;
  const harness = openProjectionHarness({
    storePath: join(directory, `store-${files}.db`),
    readModelPath: join(directory, `read-model-${files}.db`),
    maxBatchSize: 3,
  });
  for (let n = 1; n <= 3; n++) await harness.execute(raiseRisk(n));
  for (const score of [15, 20, 25, 5]) for (let n = 1; n <= 3; n++) await harness.execute(assessRisk(n, score));
  await harness.settle();
  return harness;
}

/** A version of risk:R1 written straight into the log table, as the projection writes one: seq `seq`, its own base. */
function writeVersion(db: ReadModelDatabase, seq: number, score: number): void {
  db.prepare(
    `INSERT INTO log (seq, commit_position, prepare_position, event_id, stream, revision, item_id, kind, event_type,
       correction, recorded_at, effective_at, actor, reason, data, version, base_seq, changed_fields, removed, state)
     VALUES (?, ?, ?, ?, 'risk:R1', 99, 'risk:R1', 'risk', 'RiskScoreAssessed', 0, '2024-12-02T09:00:00.000Z', NULL, NULL, NULL,
       '{}', 99, ?, '["score"]', NULL, ?)`,
  ).run(seq, 10_000 + seq, 10_000 + seq, `written-${seq}`, seq, JSON.stringify({ description: 'Risk 1', score }));
}

const scoreOf = (harness: ProjectionHarness, seq?: number) => harness.queries.item('risk:R1', seq)?.view['score'];

describe('lookups at past points on a file read model', () => {
  it("answer as the writer's connection does, at every point, in one turn", async () => {
    const harness = await fileHarness();
    try {
      const head = harness.queries.headSeq();
      const db = harness.readModel.db;
      const direct = db.prepare(`SELECT version FROM log WHERE item_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1`).pluck();
      for (let seq = head; seq >= 0; seq--) {
        for (const n of [1, 2, 3])
          expect(harness.queries.item(`risk:R${n}`, seq)?.version, `R${n} at ${seq}`).toBe(direct.get(`risk:R${n}`, seq));
      }
      expect(harness.readModel.pastReader()?.inTransaction, 'the lookups shared a read transaction').toBe(true);
    } finally {
      await harness.close();
    }
  });

  it('find a version written after the snapshot began, in the same turn, and one the writer has not yet committed', async () => {
    const harness = await fileHarness();
    try {
      const head = harness.queries.headSeq();
      expect(scoreOf(harness, head)).toBe(5);
      const db = harness.readModel.db;
      writeVersion(db, head + 1, 17);
      expect(scoreOf(harness, head + 1)).toBe(17);
      expect(scoreOf(harness, head)).toBe(5);
      db.transaction(() => {
        writeVersion(db, head + 2, 18);
        expect(scoreOf(harness, head + 2)).toBe(18);
        expect(scoreOf(harness)).toBe(18);
      })();
      expect(scoreOf(harness, head + 5)).toBe(18);
    } finally {
      await harness.close();
    }
  });

  it('hold their snapshot only until the next turn, so the WAL can be checkpointed', async () => {
    const harness = await fileHarness();
    try {
      const head = harness.queries.headSeq();
      expect(scoreOf(harness, head - 3)).toBe(25);
      writeVersion(harness.readModel.db, head + 1, 17);
      await nextTurn();
      expect(harness.readModel.pastReader()?.inTransaction).toBe(false);
      const [checkpoint] = harness.readModel.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
      expect(checkpoint).toMatchObject({ busy: 0, log: 0 });
      // The next turn's snapshot covers what was written since.
      expect(scoreOf(harness, head + 1)).toBe(17);
      expect(harness.readModel.pastReader()?.inTransaction).toBe(true);
    } finally {
      await harness.close();
    }
  });

  it('answer from the database a rebuild swapped in, and close their connection with the read model', async () => {
    const harness = await fileHarness();
    const head = harness.queries.headSeq();
    const before = harness.readModel.pastReader()!;
    harness.readModel.db
      .prepare(`UPDATE log SET state = json_set(state, '$.description', 'from the old model') WHERE item_id = 'risk:R1' AND base_seq = seq`)
      .run();
    expect(harness.queries.item('risk:R1', head)?.view['description']).toBe('from the old model');
    await harness.runner.rebuild();
    expect(before.open, "the old model's reader is closed by the swap").toBe(false);
    expect(harness.queries.item('risk:R1', head)?.view).toMatchObject({ description: 'Risk 1', score: 5 });
    const after = harness.readModel.pastReader()!;
    expect(after.inTransaction).toBe(true);
    await harness.close();
    expect(after.open).toBe(false);
  });
});
