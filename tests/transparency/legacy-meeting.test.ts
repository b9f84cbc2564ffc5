import { describe, expect, it } from 'vitest';
import { digestOfHeads } from '../../services/core/digest.ts';
import { eventHash } from '../../services/core/hash-chain.ts';
import { formatPosition } from '../../services/core/position.ts';
import { verifyChains } from '../../services/core/verify.ts';
import { registerKeyFrom } from '../../services/transparency/signing-key.ts';
import { LogVerifier } from '../../services/verification.ts';
import { generateKeyPairSync } from 'node:crypto';
import { openProjectionHarness } from '../support/projection-harness.ts';

/**
 * A meeting held before the register signed tree heads: its MeetingHeld event is schema
 * version 1, with the stream-head digest only. It is upcast on read (no tree head) and
 * verification still recomputes its digest; changing the history it froze is caught.
 */
async function registerWithLegacyMeeting(tamperDigest: boolean) {
  const harness = openProjectionHarness();
  for (const riskId of ['R1', 'R2']) {
    await harness.execute({
      kind: 'risk',
      type: 'RaiseRisk',
      input: { riskId, description: `Risk ${riskId}`, score: 10, mitigationPlan: [], raisedOn: '2024-06-01' },
    });
  }
  const boundary = await harness.store.headPosition();
  const heads = (await verifyChains(harness.store)).heads;
  const digest = digestOfHeads(formatPosition(boundary!), heads);
  const data = {
    number: 35,
    heldOn: '2024-10-23',
    boundaryPosition: formatPosition(boundary!),
    digest: tamperDigest ? digest.replace(/^./, (c) => (c === '0' ? '1' : '0')) : digest,
  };
  const unsigned = {
    actor: 'secretariat@ccag',
    reason: null,
    effectiveAt: '2024-10-23T10:00:00.000Z',
    correlationId: 'c1',
    causationId: null,
    schemaVersion: 1,
    idempotencyKey: null,
    commandHash: null,
    prevHash: null,
  };
  const id = '00000000-0000-4000-8000-0000000000aa';
  const metadata = { ...unsigned, hash: eventHash({ stream: 'meetings', revision: 0, id, type: 'MeetingHeld', data, metadata: unsigned }) };
  await harness.store.append('meetings', [{ id, type: 'MeetingHeld', data, metadata }], 'no_stream');
  await harness.execute({ kind: 'risk', type: 'AssessRiskScore', input: { riskId: 'R1', score: 20 } });
  await harness.settle();
  const verifier = new LogVerifier({
    store: harness.store,
    database: () => harness.readModel.db,
    queries: harness.queries,
    publicKey: registerKeyFrom(generateKeyPairSync('ed25519').privateKey).publicKey,
  });
  return { harness, verifier };
}

describe('a meeting held before signed tree heads', () => {
  it('is upcast with no tree head, and its stream-head digest still verifies', async () => {
    const { harness, verifier } = await registerWithLegacyMeeting(false);
    try {
      expect(harness.queries.item('meeting:35')?.view).toMatchObject({ status: 'Held', treeHead: null });
      const report = await verifier.verify();
      expect(report).toMatchObject({ ok: true, meetings: [{ number: 35, ok: true }] });
    } finally {
      await harness.close();
    }
  });

  it('fails when its digest does not match the history up to its boundary', async () => {
    const { harness, verifier } = await registerWithLegacyMeeting(true);
    try {
      const report = await verifier.verify();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([expect.stringContaining("CCAG #35's recorded digest does not match the log up to position")]);
    } finally {
      await harness.close();
    }
  });
});
