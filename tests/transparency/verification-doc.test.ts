import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { positionOf } from '../../services/core/position.ts';
import { eventHash } from '../../services/core/hash-chain.ts';
import type { StoredEvent } from '../../services/core/event-store.ts';
import { eventLeafHash, leafBytes } from '../../services/transparency/leaf.ts';
import {
  consistencyPath,
  inclusionPath,
  listRangeHasher,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../../services/transparency/merkle.ts';
import { verifyTreeHeadSignature } from '../../services/transparency/signing-key.ts';
import { treeHeadMessage, type SignedTreeHead } from '../../services/transparency/tree-head.ts';

/** The test vectors of docs/verification.md section 8, read from the document itself. */
const doc = readFileSync(new URL('../../docs/verification.md', import.meta.url), 'utf8');
const block = /```json vectors\n([\s\S]*?)\n```/.exec(doc);
const vectors = JSON.parse(block![1]!) as {
  publicKey: string;
  keyId: string;
  events: (Omit<StoredEvent, 'position'> & { position: string })[];
  leaf0: string;
  leafHashes: string[];
  roots: Record<string, string>;
  inclusion: { leafIndex: number; treeSize: number; path: string[] }[];
  consistency: { fromSize: number; toSize: number; path: string[] }[];
  headMessage: string;
  head: SignedTreeHead;
};
const events: StoredEvent[] = vectors.events.map((e) => ({ ...e, position: positionOf(BigInt(e.position)) }));
const leaves = events.map(eventLeafHash);
const hex = (b: Buffer) => b.toString('hex');
const bytes = (h: string) => Buffer.from(h, 'hex');

describe('docs/verification.md test vectors, against the register code', () => {
  it('gives the documented chain hashes, leaf bytes and leaf hashes', () => {
    for (const event of events) expect(eventHash(event)).toBe(event.metadata['hash']);
    expect(leafBytes(events[0]!).toString('utf8')).toBe(vectors.leaf0);
    expect(leaves.map(hex)).toEqual(vectors.leafHashes);
  });

  it('gives the documented roots and proofs, which verify', () => {
    for (const [size, root] of Object.entries(vectors.roots)) expect(hex(rootOfLeafHashes(leaves.slice(0, Number(size))))).toBe(root);
    for (const v of vectors.inclusion) {
      expect(inclusionPath(listRangeHasher(leaves), v.leafIndex, v.treeSize).map(hex)).toEqual(v.path);
      expect(verifyInclusion(v.leafIndex, v.treeSize, leaves[v.leafIndex]!, v.path.map(bytes), bytes(vectors.roots[v.treeSize]!))).toBe(
        true,
      );
    }
    for (const v of vectors.consistency) {
      expect(consistencyPath(listRangeHasher(leaves), v.fromSize, v.toSize).map(hex)).toEqual(v.path);
      expect(
        verifyConsistency(v.fromSize, v.toSize, bytes(vectors.roots[v.fromSize]!), bytes(vectors.roots[v.toSize]!), v.path.map(bytes)),
      ).toBe(true);
    }
  });

  it('signs the documented message, and the documented head verifies with the documented key only', () => {
    expect(Buffer.from(treeHeadMessage(vectors.head)).toString('utf8')).toBe(vectors.headMessage);
    expect(vectors.head.rootHash).toBe(vectors.roots['3']);
    expect(verifyTreeHeadSignature(vectors.head, vectors.publicKey)).toBe(true);
    expect(verifyTreeHeadSignature({ ...vectors.head, treeSize: 2 }, vectors.publicKey)).toBe(false);
    expect(verifyTreeHeadSignature(vectors.head, 'ab'.repeat(32))).toBe(false);
  });
});

describe('docs/verify.py on the documented vectors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccag-verify-py-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (lines: readonly object[], head: object = vectors.head) => {
    const path = join(dir, 'log.jsonl');
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    try {
      return {
        code: 0,
        out: execFileSync('python3', ['docs/verify.py', path, '--public-key', vectors.publicKey, '--head', JSON.stringify(head)], {
          encoding: 'utf8',
          stdio: 'pipe',
        }),
      };
    } catch (error) {
      const e = error as { status: number; stderr: string };
      return { code: e.status, out: e.stderr };
    }
  };

  it('passes its self-test (RFC 8032 TEST 1, transparency-dev roots, RFC 8785 numbers)', () => {
    expect(execFileSync('python3', ['docs/verify.py', '--self-test'], { encoding: 'utf8' })).toContain('self-test OK');
  });

  it('accepts the documented log and head, giving the documented root', () => {
    const result = run(vectors.events);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain(`OK: 3 events verified; Merkle root ${vectors.roots['3']}`);
  });

  it('refuses a changed recorded time, a forged signature and a head the log does not reach', () => {
    const edited = vectors.events.map((e, i) => (i === 1 ? { ...e, recordedAt: '2020-01-01T00:00:00.000Z' } : e));
    expect(run(edited)).toMatchObject({
      code: 1,
      out: expect.stringContaining("the given head: the log's first 3 events do not hash to its root"),
    });
    const forged = { ...vectors.head, signature: vectors.head.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    expect(run(vectors.events, forged)).toMatchObject({
      code: 1,
      out: expect.stringContaining("signature does not verify with the register's key"),
    });
    expect(run(vectors.events.slice(0, 2))).toMatchObject({
      code: 1,
      out: expect.stringContaining('it covers 3 events but the log has 2'),
    });
  });
});
