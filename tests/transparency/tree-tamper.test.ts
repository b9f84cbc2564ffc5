import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerKeyFrom } from '../../services/transparency/signing-key.ts';
import { LogVerifier } from '../../services/verification.ts';
import { openProjectionHarness, type ProjectionHarness } from '../support/projection-harness.ts';
import { raiseRisk } from '../support/risk-commands.ts';

/*
 * The read model's Merkle tree against the log: every stored leaf and every stored subtree the
 * walk completes is compared with the one recomputed from the events, whatever batch the walk
 * reads them in (the stored nodes are read a level at a time, per batch).
 */
const publicKey = registerKeyFrom(generateKeyPairSync('ed25519').privateKey).publicKey;
let harness: ProjectionHarness;

beforeEach(async () => {
  harness = openProjectionHarness();
  for (let n = 1; n <= 30; n++) await harness.execute(raiseRisk(n));
  await harness.settle();
});
afterEach(() => harness.close());

function verifier(batchSize: number): LogVerifier {
  return new LogVerifier({ store: harness.store, database: () => harness.readModel.db, queries: harness.queries, publicKey, batchSize });
}

/** Overwrites one stored node, as someone with the read model's file could. */
function tamperNode(level: number, index: number): void {
  const changed = harness.readModel.db
    .prepare(`UPDATE merkle_nodes SET hash = ? WHERE level = ? AND idx = ?`)
    .run(Buffer.alloc(32, 0xab), level, index);
  expect(changed.changes).toBe(1);
}

/** Whatever the batch size, the walk stops at the first event of `stream` with `problem`. */
async function expectFirstBadAt(stream: string, problem: string): Promise<void> {
  for (const batchSize of [1, 7, 500]) {
    const report = await verifier(batchSize).verify();
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ stream, revision: 0, problem });
  }
}

describe('the stored Merkle tree, checked against the log', () => {
  it('checks every leaf and node of an untouched tree, in batches of any size', async () => {
    for (const batchSize of [1, 7, 500]) {
      expect(await verifier(batchSize).verify()).toMatchObject({ ok: true, eventsChecked: 30 });
    }
  });

  it('names the event whose stored leaf was changed', async () => {
    tamperNode(0, 12);
    await expectFirstBadAt(
      'risk:R13',
      'the event differs from leaf 12 of the Merkle tree: its content, recorded time or position changed after it was recorded',
    );
  });

  it('names the stored subtree that was changed, at the event that completes it, across a batch boundary', async () => {
    // Node (2, 3) covers leaves 12 to 15: read in batches of 7, its leaves span two batches.
    tamperNode(2, 3);
    await expectFirstBadAt('risk:R16', "the Merkle tree's node (2, 3) above this event does not match the log");
  });
});
