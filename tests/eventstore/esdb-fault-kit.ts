import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import type { Caller } from '../../services/access.ts';
import type { StoredEvent } from '../../services/core/event-store.ts';
import { createEsdbEventStore, type EsdbEventStoreOptions, type EsdbLogger } from '../../services/eventstore/esdb/esdb-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import type { WriteOutcome } from '../../services/register.ts';
import { openRegisterForTest, type OpenedRegister } from '../support/opened-register.ts';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { ProjectionEngine } from '../../projections/runner/engine.ts';
import { defaultRegisterRules } from '../../schema/rules.ts';
import { dumpReadModel } from '../support/projection-dump.ts';
import { readWholeLog } from '../support/projection-fold.ts';
import { registerProjections, silentLogger } from '../support/projection-harness.ts';
import { startEsdbStandin, type EsdbStandin } from '../support/esdb-standin/server.ts';

/**
 * What every fault test checks, through the whole register: no acknowledged write lost, none
 * written twice, and the read model equal to one rebuilt from the log.
 */

export const secretariat: Caller = { principal: 'secretariat@ccag', role: 'secretariat', codeBodies: [] };

export interface FaultRig {
  readonly standin: EsdbStandin;
  readonly register: OpenedRegister;
  /** Every write the register acknowledged. */
  readonly acknowledged: WriteOutcome[];
  raise(riskId: string, score?: number): Promise<WriteOutcome>;
  assess(riskId: string, score: number): Promise<WriteOutcome>;
  close(): Promise<void>;
}

/** Quick retries, so a test spends milliseconds where production spends seconds. */
export const quickStoreOptions = {
  appendRetryBackoffMs: 5,
  resubscribeBackoffMs: 10,
  resubscribeMaxBackoffMs: 100,
  retryBudgetMs: 3_000,
} satisfies Partial<EsdbEventStoreOptions>;

export async function openFaultRig(
  storeOptions: Partial<EsdbEventStoreOptions> = {},
  { logger }: { logger?: EsdbLogger } = {},
): Promise<FaultRig> {
  const standin = await startEsdbStandin();
  const dataDir = mkdtempSync(join(tmpdir(), 'ccag-esdb-fault-'));
  const store = createEsdbEventStore(
    {
      connectionString: standin.connectionString,
      streamPrefix: `f${randomBytes(5).toString('hex')}-`,
      ...quickStoreOptions,
      ...storeOptions,
    },
    { logger },
  );
  const register = await openRegisterForTest({
    config: {
      dataDir,
      eventStore: { kind: 'esdb', connectionString: standin.connectionString },
      readModel: 'memory',
      rules: defaultRegisterRules,
      readYourWritesTimeoutMs: 10_000,
    },
    logger: silentLogger,
    store,
  });
  // The runner establishes the store's identity (one append) before faults are switched on.
  await vi.waitUntil(() => register.runner.state.state === 'running', { timeout: 10_000 });
  const acknowledged: WriteOutcome[] = [];
  const keep = async (outcome: Promise<WriteOutcome>) => {
    const done = await outcome;
    acknowledged.push(done);
    return done;
  };
  return {
    standin,
    register,
    acknowledged,
    raise: (riskId, score = 16) =>
      keep(
        register.execute(
          'risk',
          'RaiseRisk',
          { riskId, description: `risk ${riskId}`, score, mitigationPlan: ['monitor'], raisedOn: '2024-10-01' },
          secretariat,
        ),
      ),
    assess: (riskId, score) => keep(register.execute('risk', 'AssessRiskScore', { riskId, score }, secretariat)),
    async close() {
      await register.close();
      await standin.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Each acknowledged write is in the log once; nothing else is. */
export async function expectEveryAcknowledgedWriteOnce(rig: FaultRig): Promise<StoredEvent[]> {
  const log = await readWholeLog(rig.register.store);
  const ids = log.map((event) => event.id);
  expect(new Set(ids).size).toBe(ids.length);
  const written = rig.acknowledged.flatMap((outcome) => outcome.result.events.map((event) => event.id));
  expect(ids.sort()).toEqual([...written].sort());
  // Each stream holds revisions 0..n-1, one event per acknowledged change of its item.
  const byStream = new Map<string, number[]>();
  for (const event of log) byStream.set(event.stream, [...(byStream.get(event.stream) ?? []), event.revision]);
  for (const revisions of byStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
  return log;
}

/** The live read model, caught up, equals one built from the whole log in one go. */
export async function expectReadModelEqualsRebuild(rig: FaultRig): Promise<void> {
  await rig.register.runner.catchUp(10_000);
  const rebuilt = new ReadModel(':memory:');
  try {
    const engine = new ProjectionEngine(
      rebuilt.db,
      'main',
      registerProjections,
      createRegisterItems(),
      silentLogger,
      await rig.register.store.identity(),
    );
    engine.apply(await readWholeLog(rig.register.store));
    expect(dumpReadModel(rig.register.readModel.db)).toEqual(dumpReadModel(rebuilt.db));
  } finally {
    rebuilt.close();
  }
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
