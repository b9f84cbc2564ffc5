import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ReadAllOptions } from '../../services/core/event-store.ts';
import { formatPosition } from '../../services/core/position.ts';
import { registerKeyFrom } from '../../services/transparency/signing-key.ts';
import { LogVerifier } from '../../services/verification.ts';
import { openProjectionHarness } from '../support/projection-harness.ts';

/** The server's `verification`: incremental, cached per head, and cut into slices other work runs between. */
async function harnessWithRisks(count: number) {
  const harness = openProjectionHarness();
  for (let n = 1; n <= count; n++) {
    await harness.execute({
      kind: 'risk',
      type: 'RaiseRisk',
      input: { riskId: `R${n}`, description: `Risk ${n}`, score: 10, mitigationPlan: [], raisedOn: '2024-06-01' },
    });
  }
  await harness.settle();
  const reads: (string | undefined)[] = [];
  const store = harness.store;
  const spied = {
    ...store,
    description: store.description,
    readAll: (options: ReadAllOptions) => {
      reads.push(options.after ? formatPosition(options.after) : undefined);
      return store.readAll(options);
    },
  };
  const publicKey = registerKeyFrom(generateKeyPairSync('ed25519').privateKey).publicKey;
  return { harness, reads, spied, publicKey };
}

describe('incremental verification', () => {
  it('reads only what was appended since its last run, and nothing at an unchanged head', async () => {
    const { harness, reads, spied, publicKey } = await harnessWithRisks(30);
    try {
      const verifier = new LogVerifier({
        store: spied,
        database: () => harness.readModel.db,
        queries: harness.queries,
        publicKey,
        batchSize: 10,
      });
      const first = await verifier.verify();
      expect(first).toMatchObject({ ok: true, eventsChecked: 30 });
      expect(reads[0]).toBeUndefined();
      reads.length = 0;
      expect(await verifier.verify()).toBe(first);
      expect(reads).toEqual([]);
      await harness.execute({ kind: 'risk', type: 'AssessRiskScore', input: { riskId: 'R3', score: 20 } });
      await harness.settle();
      const second = await verifier.verify();
      expect(second).toMatchObject({ ok: true, eventsChecked: 31, head: formatPosition((await harness.store.headPosition())!) });
      expect(reads).toEqual([first.head]);
    } finally {
      await harness.close();
    }
  });

  it('lets other work run between its slices', async () => {
    const { harness, spied, publicKey } = await harnessWithRisks(60);
    try {
      const verifier = new LogVerifier({
        store: spied,
        database: () => harness.readModel.db,
        queries: harness.queries,
        publicKey,
        sliceMs: 0,
      });
      let finished = false;
      let ranDuring = 0;
      const walking = verifier.verify().then((report) => {
        finished = true;
        return report;
      });
      const tick = () => {
        if (finished) return;
        ranDuring++;
        setImmediate(tick);
      };
      setImmediate(tick);
      expect((await walking).ok).toBe(true);
      expect(ranDuring).toBeGreaterThan(10);
    } finally {
      await harness.close();
    }
  });
});
