import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../services/config.ts';
import { openRegisterForTest, type OpenedRegister } from '../support/opened-register.ts';
import { buildApp } from '../../services/api/app.ts';
import { TokenBook } from '../../services/api/tokens.ts';
import { verifyChains } from '../../services/core/verify.ts';
import { formatPosition } from '../../services/core/position.ts';
import { loadCcag35To36Sample } from '../../samples/ccag-35-36/load.ts';

/*
 * The sample rebuilds the register from CCAG #35 to #36 through the commands a user runs;
 * the register must then report the movement the CCAG #36 pack printed.
 */

interface MovementItem {
  id: string;
  ref: string;
  change: string;
  summary: string[];
}

interface PackMovement {
  horizonScanning: { new: MovementItem[]; existing: MovementItem[] };
  milestones: MovementItem[];
  risks: MovementItem[];
  actions: MovementItem[];
}

const MOVEMENT_35_TO_36 = `{
  movement(from: {meeting: 35}, to: {meeting: 36}) {
    horizonScanning { new { id ref change summary } existing { id ref change summary } }
    milestones { id ref change summary }
    risks { id ref change summary }
    actions { id ref change summary }
  }
}`;

let dataDir: string;
let register: OpenedRegister;
let app: FastifyInstance;
const warnings: string[] = [];
let firstLoad: { commands: number; events: number };
let movement: PackMovement;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ccag-sample-test-'));
  // The SQLite store on a temp file, the read model in memory; OFF: no fsync per test write.
  const config = loadConfig({ NODE_ENV: 'test', READ_MODEL: 'memory', DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'OFF', LOG_LEVEL: 'silent' });
  register = await openRegisterForTest({
    config,
    logger: { info: () => {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
  });
  firstLoad = await loadCcag35To36Sample(register);
  app = await buildApp({ register, config, tokens: new TokenBook([]), logger: false });
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ query: MOVEMENT_35_TO_36 }),
  });
  const body = response.json<{ data?: { movement: PackMovement }; errors?: unknown }>();
  if (!body.data) throw new Error(`movement query failed: ${JSON.stringify(body.errors)}`);
  movement = body.data.movement;
});

afterAll(async () => {
  await app?.close();
  await register?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const byRef = (items: readonly MovementItem[], ref: string): MovementItem => {
  const item = items.find((i) => i.ref === ref);
  if (!item) throw new Error(`${ref} is not in the movement (${items.map((i) => i.ref).join(', ')})`);
  return item;
};

describe('movement from CCAG #35 to #36 as the pack reports it', () => {
  it('shows R966 as a new item', () => {
    expect(byRef(movement.risks, 'R966')).toMatchObject({ change: 'NEW', summary: ['New item'] });
  });

  it('shows no change for R202 and R485', () => {
    expect(byRef(movement.risks, 'R202').summary).toEqual(['No change']);
    expect(byRef(movement.risks, 'R485').summary).toEqual(['No change']);
  });

  it('shows R920 with its score reduced from 20 to 10', () => {
    expect(byRef(movement.risks, 'R920').summary).toEqual(['Score reduced from 20 to 10']);
  });

  it('lists I0190, R0193 and I0222, and no other REC change proposal, as new', () => {
    const newRec = movement.horizonScanning.new.filter((cp) => cp.id.startsWith('cp:REC:')).map((cp) => cp.ref);
    expect(newRec.sort()).toEqual(['I0190', 'I0222', 'R0193']);
  });

  it("keeps the pack's existing REC change proposals among the existing ones", () => {
    const existing = movement.horizonScanning.existing.map((cp) => cp.ref);
    expect(existing).toEqual(expect.arrayContaining(['R0201', 'R0202', 'I0204', 'R0209']));
    expect(byRef(movement.horizonScanning.existing, 'I0204').change).toBe('WITHDRAWN');
  });

  it('shows actions CCAG35-01 to CCAG35-04 recommended closed', () => {
    for (const ref of ['CCAG35-01', 'CCAG35-02', 'CCAG35-03', 'CCAG35-04']) {
      expect(byRef(movement.actions, ref).summary, ref).toEqual(['Recommended closed']);
    }
  });

  it('shows Ofgem M7 milestones 6460-6463 and 9518 complete', () => {
    const m7 = movement.milestones.filter((m) => m.id.startsWith('milestone:OFGEM-M7:'));
    for (const ref of ['6460', '6461', '6462', '6463', '9518']) {
      expect(byRef(m7, ref), ref).toMatchObject({ change: 'COMPLETED', summary: ['Complete'] });
    }
  });
});

describe('the register as it stood at CCAG #35', () => {
  it('shows R920 at 20 and no R966', () => {
    const at35 = register.queries.resolve({ meeting: 35 });
    expect(register.queries.item('risk:R920', at35.seq)?.view['score']).toBe(20);
    expect(register.queries.item('risk:R966', at35.seq)).toBeUndefined();
  });
});

describe('loading the sample', () => {
  it('logs no warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('writes one event per command, in the order of their effective times', async () => {
    expect(firstLoad.events).toBe(firstLoad.commands);
    const log = await register.store.readAll({ maxCount: 10_000 });
    const effective = log.map((e) => e.metadata['effectiveAt'] as string);
    expect(log).toHaveLength(firstLoad.events);
    expect(effective).toEqual([...effective].sort());
  });

  it('writes nothing when loaded a second time', async () => {
    const head = await register.store.headPosition();
    const again = await loadCcag35To36Sample(register);
    expect(again).toEqual({ commands: firstLoad.commands, events: 0 });
    const after = await register.store.headPosition();
    expect(after && formatPosition(after)).toBe(head && formatPosition(head));
  });

  it('leaves a log whose every hash chain verifies', async () => {
    const verification = await verifyChains(register.store);
    expect(verification.ok).toBe(true);
    expect(verification.eventsChecked).toBe(firstLoad.events);
  });
});
