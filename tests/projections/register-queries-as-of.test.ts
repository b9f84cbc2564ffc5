import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRegisterError } from '../../services/core/errors.ts';
import type { ReadModelDatabase } from '../../projections/read-model/database.ts';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { RegisterQueries, toItemVersion, versionColumns, versionsFrom, type VersionRow } from '../../projections/register/queries.ts';
import { BaseStates } from '../../projections/register/version-lookup.ts';
import { registerCommands } from '../support/projection-commands.ts';
import { foldSteps, readWholeLog, registerAt } from '../support/projection-fold.ts';
import { openProjectionHarness, type ProjectionHarness, type RegisterCommand } from '../support/projection-harness.ts';

/*
 * RegisterQueries.item(id, seq), the as-of point lookup: one row and its base, whose parsed
 * whole state is kept per database (bounded). Whatever is kept or evicted, and in whatever
 * order versions are asked for, the same versions come back as a fold of the log gives and as
 * reading the row with its base gives.
 */

async function runAll(harness: ProjectionHarness, commands: readonly RegisterCommand[]): Promise<void> {
  for (const command of commands) {
    try {
      await harness.execute(command);
    } catch (error) {
      if (!isRegisterError(error)) throw error;
    }
  }
  await harness.settle();
}

/** The version at (id, seq) read straight from its row and its base's (as movement reads them). */
function fromRow(db: ReadModelDatabase, id: string, seq: number) {
  const row = db
    .prepare(`SELECT ${versionColumns} FROM ${versionsFrom} WHERE l.item_id = ? AND l.seq <= ? ORDER BY l.seq DESC LIMIT 1`)
    .safeIntegers(true)
    .get(id, seq) as VersionRow | undefined;
  return row && toItemVersion(row);
}

/** Everything a caller can read of a version, in the order its fields come (JSON keeps key order). */
const readable = (item: ReturnType<RegisterQueries['item']>) => (item === undefined ? undefined : JSON.parse(JSON.stringify(item)));

const raise = (n: number): RegisterCommand => ({
  kind: 'risk',
  type: 'RaiseRisk',
  input: { riskId: `R${n}`, description: `Risk ${n}`, score: 10, mitigationPlan: ['Monitor DIN volumes'], raisedOn: '2024-06-01' },
});
const assess = (n: number, score: number): RegisterCommand => ({
  kind: 'risk',
  type: 'AssessRiskScore',
  input: { riskId: `R${n}`, score },
});

describe('an as-of point lookup, item(id, seq)', () => {
  it('equals the fold of the log and the row read with its base, at every seq, in any order, however few bases are kept', async () => {
    await fc.assert(
      fc.asyncProperty(
        registerCommands({ minLength: 10 }),
        fc.constantFrom(0, 300, 2_000, undefined),
        fc.integer(),
        async (commands, baseStateBudget, seed) => {
          const harness = openProjectionHarness({ maxBatchSize: 4 });
          try {
            await runAll(harness, commands);
            const log = await readWholeLog(harness.store);
            const steps = foldSteps(log, harness.items);
            const ids = [...new Set(steps.map((s) => s.itemId))];
            const queries = new RegisterQueries(() => harness.readModel.db, { baseStateBudget });
            const asked = fc.sample(
              fc.shuffledSubarray(
                ids.flatMap((id) => Array.from({ length: log.length + 1 }, (_, seq) => ({ id, seq }))),
                { minLength: 1 },
              ),
              { numRuns: 1, seed },
            )[0]!;
            const folds = new Map<number, ReturnType<typeof registerAt>>();
            for (const { id, seq } of asked) {
              const fold = folds.get(seq) ?? registerAt(steps, seq);
              folds.set(seq, fold);
              const item = queries.item(id, seq);
              const expected = fold.get(id);
              expect(
                item && { id: item.id, kind: item.kind, version: item.version, view: item.view, lastSeq: item.lastChange.seq },
                `${id} as of ${seq}`,
              ).toEqual(
                expected && {
                  id: expected.id,
                  kind: expected.kind,
                  version: expected.version,
                  view: expected.view,
                  lastSeq: expected.lastSeq,
                },
              );
              expect(readable(item), `${id} as of ${seq}`).toEqual(readable(fromRow(harness.readModel.db, id, seq)));
            }
            for (const id of ids)
              expect(readable(queries.item(id))).toEqual(readable(fromRow(harness.readModel.db, id, Number.MAX_SAFE_INTEGER)));
          } finally {
            await harness.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives each caller a view of its own: changing one changes no other version, now or later', async () => {
    const harness = openProjectionHarness();
    try {
      await harness.execute(raise(1));
      for (const score of [15, 20, 25]) await harness.execute(assess(1, score));
      await harness.settle();
      const head = harness.queries.headSeq();
      const first = harness.queries.item('risk:R1', head - 1)!;
      first.view['description'] = 'changed by a caller';
      expect(() => (first.view['mitigationPlan'] as string[]).push('another step')).toThrow(TypeError);
      for (let seq = 1; seq <= head; seq++) {
        const item = harness.queries.item('risk:R1', seq)!;
        expect(item.view['description']).toBe('Risk 1');
        expect(item.view['mitigationPlan']).toEqual(['Monitor DIN volumes']);
      }
    } finally {
      await harness.close();
    }
  });

  it('answers from the database swapped in by a rebuild, not from what was kept of the one before', async () => {
    const harness = openProjectionHarness({ maxBatchSize: 3 });
    try {
      for (let n = 1; n <= 5; n++) await harness.execute(raise(n));
      for (let n = 1; n <= 5; n++) for (const score of [15, 20]) await harness.execute(assess(n, score));
      await harness.settle();
      const head = harness.queries.headSeq();
      // The old model tells itself apart: its whole states of R1 say so.
      harness.readModel.db
        .prepare(
          `UPDATE log SET state = json_set(state, '$.description', 'from the old model') WHERE item_id = 'risk:R1' AND base_seq = seq`,
        )
        .run();
      for (let seq = 1; seq <= head; seq++) {
        const item = harness.queries.item('risk:R1', seq);
        if (item) expect(item.view['description']).toBe('from the old model');
      }
      await harness.runner.rebuild();
      for (let seq = 1; seq <= head; seq++) {
        const item = harness.queries.item('risk:R1', seq);
        if (item) expect(item.view['description']).toBe('Risk 1');
      }
      expect(harness.queries.item('risk:R1')?.view).toMatchObject({ description: 'Risk 1', score: 20 });
    } finally {
      await harness.close();
    }
  });

  it('keeps nothing read inside a transaction that is then rolled back', async () => {
    const harness = openProjectionHarness();
    try {
      await harness.execute(raise(1));
      for (const score of [15, 20]) await harness.execute(assess(1, score));
      await harness.settle();
      const db = harness.readModel.db;
      const head = harness.queries.headSeq();
      const rolledBack = db.transaction(() => {
        db.prepare(
          `UPDATE log SET state = json_set(state, '$.description', 'never committed') WHERE item_id = 'risk:R1' AND base_seq = seq`,
        ).run();
        expect(harness.queries.item('risk:R1', head)?.view['description']).toBe('never committed');
        throw new Error('rolled back');
      });
      expect(() => rolledBack()).toThrow('rolled back');
      expect(harness.queries.item('risk:R1', head)?.view).toMatchObject({ description: 'Risk 1', score: 20 });
    } finally {
      await harness.close();
    }
  });
});

describe('versions as the log table stores them', () => {
  it('read back with the fields removed since their base gone, the changed ones over the base, and positions as the log gives them', () => {
    const readModel = new ReadModel(':memory:');
    try {
      const db = readModel.db;
      const insert =
        db.prepare(`INSERT INTO log (seq, commit_position, prepare_position, event_id, stream, revision, item_id, kind, event_type,
        correction, recorded_at, effective_at, actor, reason, data, version, base_seq, changed_fields, removed, state)
        VALUES (?, ?, ?, ?, 'risk:R1', ?, 'risk:R1', 'risk', ?, 0, ?, ?, ?, NULL, '{}', ?, ?, '[]', ?, ?)`);
      const whole = { description: 'Risk 1', score: 10, mitigationPlan: ['Monitor'], owner: { party: 'REC' } };
      insert.run(1, 7n, 7n, 'e1', 0, 'RiskRaised', '2024-12-02T09:00:00.000Z', null, 'secretariat', 1, 1, null, JSON.stringify(whole));
      insert.run(
        2,
        9n,
        8n,
        'e2',
        1,
        'RiskCorrected',
        '2024-12-02T09:01:00.000Z',
        '2024-11-01T00:00:00.000Z',
        null,
        2,
        1,
        '["owner"]',
        '{"score":15}',
      );
      insert.run(
        3,
        12n,
        12n,
        'e3',
        2,
        'RiskCorrected',
        '2024-12-02T09:02:00.000Z',
        null,
        'a "quoted" \\ actor',
        3,
        1,
        '["mitigationPlan","owner"]',
        '{"score":20,"extra":[1]}',
      );
      insert.run(
        4,
        (1n << 62n) + 5n,
        (1n << 62n) + 5n,
        'e4',
        3,
        'RiskScoreAssessed',
        '2024-12-02T09:03:00.000Z',
        null,
        null,
        4,
        4,
        null,
        JSON.stringify({ ...whole, score: 25 }),
      );
      const queries = new RegisterQueries(() => db);
      expect(queries.item('risk:R1', 0)).toBeUndefined();
      expect(queries.item('risk:R2', 4)).toBeUndefined();
      expect(queries.item('risk:R1', 2)).toEqual({
        id: 'risk:R1',
        kind: 'risk',
        version: 2,
        view: { description: 'Risk 1', score: 15, mitigationPlan: ['Monitor'] },
        lastChange: {
          seq: 2,
          position: '9/8',
          recordedAt: '2024-12-02T09:01:00.000Z',
          effectiveAt: '2024-11-01T00:00:00.000Z',
          actor: null,
          eventType: 'RiskCorrected',
        },
      });
      expect(queries.item('risk:R1', 3)?.view).toEqual({ description: 'Risk 1', score: 20, extra: [1] });
      expect(queries.item('risk:R1', 3)?.lastChange.actor).toBe('a "quoted" \\ actor');
      expect(queries.item('risk:R1')?.lastChange.position).toBe(String((1n << 62n) + 5n));
      for (const seq of [0, 1, 2, 3, 4]) expect(readable(queries.item('risk:R1', seq))).toEqual(readable(fromRow(db, 'risk:R1', seq)));
    } finally {
      readModel.close();
    }
  });
});

describe('the parsed base states kept per database', () => {
  it('hold at most their budget of stored state, dropping the least recently used first', () => {
    const bases = new BaseStates(200);
    const stored = (n: number) => JSON.stringify({ n, text: 'x'.repeat(20) });
    for (let seq = 1; seq <= 50; seq++) {
      expect(bases.add(seq, stored(seq))).toEqual({ n: seq, text: 'x'.repeat(20) });
      expect(bases.length).toBeLessThanOrEqual(200);
      // The first stays in use, so it is kept.
      expect(bases.get(1)).toEqual({ n: 1, text: 'x'.repeat(20) });
    }
    // Five fit: the first, used all along, and the last four added.
    expect(bases.size).toBe(Math.floor(200 / stored(50).length));
    for (const seq of [47, 48, 49, 50]) expect(bases.get(seq)).toEqual({ n: seq, text: 'x'.repeat(20) });
    for (const seq of [2, 25, 46]) expect(bases.get(seq)).toBeUndefined();
    // A state larger than the whole budget is parsed, not kept.
    expect(bases.add(99, JSON.stringify({ text: 'y'.repeat(200) }))).toEqual({ text: 'y'.repeat(200) });
    expect(bases.get(99)).toBeUndefined();
    expect(new BaseStates(0).add(1, stored(1))).toEqual({ n: 1, text: 'x'.repeat(20) });
  });
});
