import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventLeafHash } from '../../services/transparency/leaf.ts';
import { rootOfLeafHashes, verifyConsistency, verifyInclusion } from '../../services/transparency/merkle.ts';
import { verifyTreeHeadSignature } from '../../services/transparency/signing-key.ts';
import type { SignedTreeHead } from '../../services/transparency/tree-head.ts';
import { readWholeLog } from '../support/projection-fold.ts';
import { codesOf, startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { buildCcag35To36 } from '../support/api-scenario.ts';

/** Signed tree heads and proofs as an auditor's client uses them: every answer is checked with the public key alone. */
let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness();
  await buildCcag35To36(api);
});
afterAll(async () => api.close());

const headFields = 'treeSize rootHash timestamp keyId signature';
const bytes = (hex: string) => Buffer.from(hex, 'hex');
const read = (query: string, variables: Record<string, unknown> = {}) => api.write(query, variables, 'reader');
const publicKey = async () => (await read(`{ vocabulary { signingKey { algorithm publicKey keyId } } }`)).vocabulary.signingKey;

describe('the register key', () => {
  it('is the same in vocabulary and /.well-known/ccag-register.json', async () => {
    const key = await publicKey();
    expect(key).toMatchObject({ algorithm: 'Ed25519', publicKey: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const reply = await api.app.inject({ method: 'GET', url: '/.well-known/ccag-register.json' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ signingKey: key });
  });
});

describe('treeHead', () => {
  it('signs the root of every event in the store, now and at an earlier size', async () => {
    const { publicKey: key } = await publicKey();
    const leaves = (await readWholeLog(api.internals.store)).map(eventLeafHash);
    const now = (await read(`{ treeHead { ${headFields} } }`)).treeHead as SignedTreeHead;
    expect(now.treeSize).toBe(leaves.length);
    expect(now.rootHash).toBe(rootOfLeafHashes(leaves).toString('hex'));
    expect(verifyTreeHeadSignature(now, key)).toBe(true);
    const earlier = (await read(`{ treeHead(treeSize: 5) { ${headFields} } }`)).treeHead as SignedTreeHead;
    expect(earlier.rootHash).toBe(rootOfLeafHashes(leaves.slice(0, 5)).toString('hex'));
    expect(verifyTreeHeadSignature(earlier, key)).toBe(true);
  });

  it('refuses a size beyond the log, naming the argument', async () => {
    const reply = await api.gql(`{ treeHead(treeSize: 100000) { treeSize } }`, {}, 'reader');
    expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(reply.errors)).toContain('treeSize');
  });
});

describe('inclusion proofs', () => {
  it('prove every event of an item history against the signed head', async () => {
    const head = (await read(`{ treeHead { ${headFields} } }`)).treeHead as SignedTreeHead;
    const history = (
      await read(
        `query($size: Int) { history(id: "risk:R920") { eventId inclusionProof(treeSize: $size) { eventId leafIndex treeSize leafHash path } } }`,
        { size: head.treeSize },
      )
    ).history;
    expect(history).toHaveLength(3);
    const log = await readWholeLog(api.internals.store);
    for (const entry of history) {
      const proof = entry.inclusionProof;
      expect(proof.eventId).toBe(entry.eventId);
      expect(log[proof.leafIndex]!.id).toBe(entry.eventId);
      expect(proof.leafHash).toBe(eventLeafHash(log[proof.leafIndex]!).toString('hex'));
      expect(verifyInclusion(proof.leafIndex, proof.treeSize, bytes(proof.leafHash), proof.path.map(bytes), bytes(head.rootHash))).toBe(
        true,
      );
    }
  });

  it('answers NOT_FOUND for an unknown event, BAD_USER_INPUT for a tree too small to hold it', async () => {
    expect(
      codesOf(await api.gql(`{ inclusionProof(eventId: "00000000-0000-4000-8000-000000000000") { leafIndex } }`, {}, 'reader')),
    ).toEqual(['NOT_FOUND']);
    const last = (await readWholeLog(api.internals.store)).at(-1)!;
    const reply = await api.gql(`query($id: ID!) { inclusionProof(eventId: $id, treeSize: 1) { leafIndex } }`, { id: last.id }, 'reader');
    expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('consistency proofs', () => {
  it("prove today's log extends the head CCAG #35 froze", async () => {
    const meeting = (await read(`{ meeting(id: "meeting:35") { digest treeHead { ${headFields} } } }`)).meeting;
    const held = meeting.treeHead as SignedTreeHead;
    expect(held.rootHash).toBe(meeting.digest);
    expect(verifyTreeHeadSignature(held, (await publicKey()).publicKey)).toBe(true);
    const now = (await read(`{ treeHead { ${headFields} } }`)).treeHead as SignedTreeHead;
    const proof = (
      await read(`query($from: Int!, $to: Int) { consistencyProof(fromSize: $from, toSize: $to) { fromSize toSize path } }`, {
        from: held.treeSize,
        to: now.treeSize,
      })
    ).consistencyProof;
    expect(proof).toMatchObject({ fromSize: held.treeSize, toSize: now.treeSize });
    expect(verifyConsistency(held.treeSize, now.treeSize, bytes(held.rootHash), bytes(now.rootHash), proof.path.map(bytes))).toBe(true);
  });

  it('refuses sizes out of order or beyond the log', async () => {
    expect(codesOf(await api.gql(`{ consistencyProof(fromSize: 5, toSize: 3) { path } }`, {}, 'reader'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await api.gql(`{ consistencyProof(fromSize: 100000) { path } }`, {}, 'reader'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('verification', () => {
  it('checks the chains, every leaf of the tree and both meetings signed heads, then answers from its cache', async () => {
    const query = `{ verification { ok head eventsChecked treeSize treeLeavesChecked rootHash badDigests problems meetings { number ok problem } } }`;
    const first = (await api.write(query, {}, 'auditor')).verification;
    const leaves = (await readWholeLog(api.internals.store)).map(eventLeafHash);
    expect(first).toMatchObject({
      ok: true,
      eventsChecked: leaves.length,
      treeSize: leaves.length,
      treeLeavesChecked: leaves.length,
      rootHash: rootOfLeafHashes(leaves).toString('hex'),
      badDigests: [],
      problems: [],
      meetings: [
        { number: 35, ok: true, problem: null },
        { number: 36, ok: true, problem: null },
      ],
    });
    expect((await api.write(query, {}, 'auditor')).verification).toEqual(first);
  });
});
