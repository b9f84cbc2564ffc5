import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { codesOf, startApiHarness, type ApiHarness, type As } from '../support/api-harness.ts';
import { loadCcag35To36Sample } from '../../samples/ccag-35-36/load.ts';
import { refuseComplexQueries } from '../../services/api/complexity.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The complexity library takes graphql's CommonJS build; a schema from the ESM build would be another module's.
const { buildSchema, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const PACK = `query($meeting: Int!, $format: PackFormat!, $unverified: Boolean) {
  pack(meeting: $meeting, format: $format, unverified: $unverified) {
    format fileName mediaType encoding content verified boundaryPosition digest
  }
}`;

interface PackReply {
  pack: {
    format: string;
    fileName: string;
    mediaType: string;
    encoding: string;
    content: string;
    verified: boolean;
    boundaryPosition: string;
    digest: string;
  };
}

let api: ApiHarness;

beforeAll(async () => {
  api = await startApiHarness({ clockStart: Date.UTC(2024, 11, 1, 9, 0, 0) });
  await loadCcag35To36Sample(api.register);
}, 120_000);
afterAll(async () => api?.close());

describe('the GraphQL pack field', () => {
  it('gives the secretariat the pack as HTML text, pinned by the meeting boundary and digest', async () => {
    const { pack } = await api.write<PackReply>(PACK, { meeting: 36, format: 'HTML' });
    const meeting = await api.write<{ meeting: { boundaryPosition: string; digest: string } }>(
      '{ meeting(id: "meeting:36") { boundaryPosition digest } }',
    );
    expect(pack).toMatchObject({
      format: 'HTML',
      fileName: 'ccag-36-pack.html',
      mediaType: 'text/html; charset=utf-8',
      encoding: 'utf8',
      verified: true,
      boundaryPosition: meeting.meeting.boundaryPosition,
      digest: meeting.meeting.digest,
    });
    expect(pack.content).toMatch(/^<!DOCTYPE html>/);
    expect(pack.content).toContain('RECOMMENDED CLOSED: See item number 4 for update.');
  });

  it('gives an auditor the deck as base64, a zip holding the slides', async () => {
    const { pack } = await api.write<PackReply>(PACK, { meeting: 36, format: 'PPTX', unverified: false }, 'auditor');
    expect(pack.encoding).toBe('base64');
    const zip = await JSZip.loadAsync(Buffer.from(pack.content, 'base64'));
    expect(Object.keys(zip.files).some((name) => name === 'ppt/slides/slide1.xml')).toBe(true);
    const markdown = await api.write<PackReply>(PACK, { meeting: 36, format: 'MD' }, 'auditor');
    expect(markdown.pack.content).toContain('## Horizon Scanning Log');
  });

  it.each<[As, string]>([
    ['reader', 'FORBIDDEN'],
    ['recEditor', 'FORBIDDEN'],
    ['anonymous', 'UNAUTHENTICATED'],
  ])('refuses %s (%s)', async (as, code) => {
    const reply = await api.gql(PACK, { meeting: 36, format: 'MD' }, as);
    expect(codesOf(reply)).toEqual([code]);
    expect(reply.data).toBeNull();
  });

  it('answers NOT_FOUND for a meeting the register does not have, BAD_USER_INPUT for a number that is none', async () => {
    expect(codesOf(await api.gql(PACK, { meeting: 99, format: 'MD' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await api.gql(PACK, { meeting: 0, format: 'MD' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('weighs a pack by its work: a few fit the default budget, a PDF costs more, many aliases are refused', () => {
    const schema = buildSchema(readFileSync('schema/register.graphql', 'utf8'));
    const sizes = () => ({ items: 40, byList: {} });
    const refuse = refuseComplexQueries(1000, sizes);
    const packs = (n: number, format: string) =>
      parse(`{ ${Array.from({ length: n }, (_, i) => `p${i}: pack(meeting: 36, format: ${format}) { content }`).join(' ')} }`);
    expect(() => refuse(schema, packs(2, 'HTML'), undefined)).not.toThrow();
    expect(() => refuse(schema, packs(7, 'HTML'), undefined)).toThrow(/too large/);
    expect(() => refuse(schema, packs(3, 'PDF'), undefined)).toThrow(/too large/);
  });
});
