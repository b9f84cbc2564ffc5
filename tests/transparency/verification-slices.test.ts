import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { registerKeyFrom } from '../../services/transparency/signing-key.ts';
import { LogVerifier } from '../../services/verification.ts';
import { openProjectionHarness } from '../support/projection-harness.ts';
import { raiseRisk } from '../support/risk-commands.ts';

/**
 * The verification walk (also what holding a meeting runs before it freezes the log) hands the
 * event loop back within its budget. Proved by counting: the verifier's clock moves one unit
 * each time it is read, which is once per event checked (and once per hand-back), so a budget
 * of 8 is about 8 events. A setImmediate ticker stands for the server's other requests.
 */
describe('verification in slices', () => {
  it('checks no more than the budget of events between two turns of the event loop, and reports as one straight walk does', async () => {
    const harness = openProjectionHarness();
    try {
      for (let n = 1; n <= 80; n++) await harness.execute(raiseRisk(n));
      await harness.settle();
      const publicKey = registerKeyFrom(generateKeyPairSync('ed25519').privateKey).publicKey;
      const parts = { store: harness.store, database: () => harness.readModel.db, queries: harness.queries, publicKey };
      let clock = 0;
      const budget = 8;
      const sliced = new LogVerifier({ ...parts, sliceMs: budget, now: () => clock++, batchSize: 25 });
      const straight = new LogVerifier({ ...parts, sliceMs: Number.MAX_SAFE_INTEGER, now: () => 0 });

      const seen: number[] = [clock];
      let ticking = true;
      const tick = () => {
        seen.push(clock);
        if (ticking) setImmediate(tick);
      };
      setImmediate(tick);
      const report = await sliced.verify();
      ticking = false;
      seen.push(clock);
      const stretches = seen.slice(1).map((n, i) => n - seen[i]!);
      // A stretch may read the clock a few more times than it checks events (its start, the check that ends it).
      expect(Math.max(...stretches)).toBeLessThanOrEqual(budget + 3);
      expect(seen.length).toBeGreaterThan(80 / (budget + 3));

      expect(report).toMatchObject({ ok: true, eventsChecked: 80 });
      expect(report).toEqual(await straight.verify());
    } finally {
      await harness.close();
    }
  });
});
