import { describe, expect, it } from 'vitest';
import { createRegisterItems } from '../../services/items.ts';
import type { ReadModelDatabase } from '../../projections/read-model/database.ts';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { ProjectionEngine } from '../../projections/runner/engine.ts';
import { computeMovement } from '../../projections/movement/movement.ts';
import { RegisterQueries } from '../../projections/register/queries.ts';
import { LogQueries } from '../../projections/log-index/queries.ts';
import { readWholeLog } from '../support/projection-fold.ts';
import { openProjectionHarness, registerProjections, silentLogger } from '../support/projection-harness.ts';

/** The database, with every statement prepared through it noted down. */
function recording(db: ReadModelDatabase): { db: ReadModelDatabase; statements: Set<string> } {
  const statements = new Set<string>();
  const proxy = new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          statements.add(sql);
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: proxy, statements };
}

/** SQLite's plan for `sql`; parameters do not change the plan, so they are bound to null. */
function planOf(db: ReadModelDatabase, sql: string): string[] {
  const parameters = (sql.match(/\?/g) ?? []).map(() => null);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail);
}

describe("the read side's queries", () => {
  it('find what they need through keys and indexes, never by walking a table, so their cost follows the changes asked about, not the log', async () => {
    const harness = openProjectionHarness({ follow: false });
    const readModel = new ReadModel(':memory:');
    try {
      for (let n = 1; n <= 20; n++) {
        await harness.execute({
          kind: 'risk',
          type: 'RaiseRisk',
          input: { riskId: `R${n}`, description: `Risk ${n}`, score: 10, mitigationPlan: [], raisedOn: '2024-06-01' },
        });
      }
      await harness.execute({ kind: 'meeting', type: 'HoldMeeting', input: { number: 35, heldOn: '2024-10-23' } });
      for (let n = 1; n <= 20; n++) await harness.execute({ kind: 'risk', type: 'AssessRiskScore', input: { riskId: `R${n}`, score: 20 } });
      await harness.execute({ kind: 'risk', type: 'CorrectRisk', input: { riskId: 'R1', fields: { score: 19 }, reason: 'Typo' } });

      const { db, statements } = recording(readModel.db);
      new ProjectionEngine(db, 'main', registerProjections, createRegisterItems(), silentLogger, await harness.store.identity()).apply(
        await readWholeLog(harness.store),
      );
      const queries = new RegisterQueries(() => db);
      const log = new LogQueries(() => db, harness.store);
      const from = queries.resolve({ meeting: 35 });
      const to = queries.resolve({ time: '2030-01-01T00:00:00Z' });
      computeMovement(db, queries, createRegisterItems(), from, to);
      queries.resolve({ position: '30' });
      queries.item('risk:R3');
      queries.item('risk:R3', 10);
      queries.items('risk');
      queries.items('risk', 10);
      await log.history('risk:R3');
      await log.page('12', 5);

      expect(statements.size).toBeGreaterThan(10);
      for (const sql of statements) {
        const plan = planOf(readModel.db, sql);
        const walks = plan.filter((step) => /^SCAN (log|versions|items|checkpoints|l|v|i)\b/.test(step));
        expect(walks, `${sql.replace(/\s+/g, ' ')}\n${plan.join('\n')}`).toEqual([]);
      }
    } finally {
      readModel.close();
      await harness.close();
    }
  });
});
