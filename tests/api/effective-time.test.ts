import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../services/api/app.ts';
import { TokenBook } from '../../services/api/tokens.ts';
import { loadConfig } from '../../services/config.ts';
import { openRegisterForTest, type OpenedRegister } from '../support/opened-register.ts';
import { loadCcag35To36Sample, sampleCaller } from '../../samples/ccag-35-36/load.ts';

/**
 * Effective time on the CCAG #35 -> #36 sample. Its history was back-filled: every event was
 * recorded when the sample was loaded, with `effectiveAt` the day it happened. Later in this
 * file, R202's score is found to have been 18 since 1 October 2024 (recorded now, back-dated).
 */
let dataDir: string;
let register: OpenedRegister;
let app: FastifyInstance;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ccag-effective-'));
  const config = loadConfig({ NODE_ENV: 'test', READ_MODEL: 'memory', DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'OFF', LOG_LEVEL: 'silent' });
  register = await openRegisterForTest({ config, logger: { info() {}, warn() {}, error() {} } });
  await loadCcag35To36Sample(register);
  app = await buildApp({ register, config, tokens: new TokenBook([]), logger: false });
});

afterAll(async () => {
  await app?.close();
  await register?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ query, variables }),
  });
  return response.json<{ data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] }>();
}
const risksAt = async (at: Record<string, unknown>) => {
  const reply = await gql(`query($at: Point) { risks(at: $at) { ref score band } }`, { at });
  if (!reply.data) throw new Error(JSON.stringify(reply.errors));
  return Object.fromEntries((reply.data['risks'] as { ref: string; score: number }[]).map((r) => [r.ref, r.score]));
};

describe('risks at an effective date', () => {
  it('on 1 November 2024 are the register as the pack says it stood then', async () => {
    // R920 was 20 until its re-assessment of 20 November; R966 was raised on 20 November.
    expect(await risksAt({ effective: '2024-11-01' })).toEqual({ R202: 16, R485: 12, R920: 20 });
    expect(await risksAt({ effective: '2024-11-20' })).toEqual({ R202: 16, R485: 12, R920: 10, R966: 9 });
    // Recorded time cannot answer this: everything was recorded when the sample was loaded.
    expect(await risksAt({ meeting: 35 })).toEqual({ R202: 16, R485: 12, R920: 20 });
  });

  it('as known at a meeting differ from the same date as known now, where a later back-dated change exists', async () => {
    await register.execute('risk', 'AssessRiskScore', { riskId: 'R202', score: 18 }, sampleCaller, {
      effectiveAt: '2024-10-01T10:00:00Z',
      reason: 'found later: the score had been raised on 1 October',
    });
    expect(await risksAt({ meeting: 36, effective: '2024-11-01' })).toEqual({ R202: 16, R485: 12, R920: 20 });
    expect(await risksAt({ effective: '2024-11-01' })).toMatchObject({ R202: 18 });
    // Before the back-dated change's date, both agree.
    expect(await risksAt({ meeting: 36, effective: '2024-09-30' })).toEqual(await risksAt({ effective: '2024-09-30' }));
  });

  it('resolves the point with the date asked about', async () => {
    const reply = await gql(`{ point(at: { meeting: 36, effective: "2024-11-01" }) { meeting effective position } }`);
    expect(reply.data?.['point']).toMatchObject({ meeting: 36, effective: '2024-11-01' });
  });
});

describe('a point before any history', () => {
  it('is said to be so, in recorded and in effective time, instead of an empty list', async () => {
    const byTime = await gql(`{ risks(at: { time: "2024-11-01T00:00:00Z" }) { ref } }`);
    expect(byTime.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(byTime.errors?.[0]?.message).toMatch(/before the register's history: its first event was recorded at/);
    const byDate = await gql(`{ risks(at: { effective: "2020-01-01" }) { ref } }`);
    expect(byDate.errors?.[0]?.message).toMatch(
      /nothing the register knows was effective on or before 2020-01-01: its earliest effective date is 2023-03-01/,
    );
  });

  it('refuses an effective value that is not a date, and two recorded points at once', async () => {
    expect((await gql(`{ risks(at: { effective: "1 Nov" }) { ref } }`)).errors?.[0]?.message).toMatch(/at\.effective: 1 Nov is not a date/);
    expect((await gql(`{ risks(at: { meeting: 35, time: "2024-11-01T00:00:00Z" }) { ref } }`)).errors?.[0]?.message).toMatch(
      /one of meeting, time or position/,
    );
  });
});

describe('movement between effective dates', () => {
  it('words what changed between 1 and 21 November 2024 as the pack does', async () => {
    const reply = await gql(`{ movement(from: { effective: "2024-11-01" }, to: { effective: "2024-11-21" }) {
      from { effective } to { effective } risks { ref change summary } } }`);
    if (!reply.data) throw new Error(JSON.stringify(reply.errors));
    const movement = reply.data['movement'];
    expect(movement.from.effective).toBe('2024-11-01');
    const byRef = Object.fromEntries((movement.risks as { ref: string; change: string; summary: string[] }[]).map((r) => [r.ref, r]));
    expect(byRef['R920']).toMatchObject({ change: 'CHANGED', summary: ['Score reduced from 20 to 10'] });
    expect(byRef['R966']).toMatchObject({ change: 'NEW' });
    expect(byRef['R202']).toMatchObject({ change: 'UNCHANGED' });
  });
});
