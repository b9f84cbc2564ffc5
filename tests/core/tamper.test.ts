import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../services/core/command-handler.ts';
import { verifyChains } from '../../services/core/verify.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import { riskModule, type RiskCommand } from '../../services/risk/index.ts';

const items = createRegisterItems();
let dir: string;
let path: string;

/** Three risks, each assessed twice: 9 events in 3 streams, interleaved. */
async function writeHistory(): Promise<void> {
  const store = createSqliteEventStore({ path });
  const handler = createCommandHandler({
    store,
    catalogue: items.catalogue,
    clock: () => new Date('2024-11-27T10:00:00Z'),
    newId: (() => {
      let n = 0;
      return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    })(),
  });
  const risks = ['R202', 'R485', 'R920'];
  for (const riskId of risks) {
    const raise: RiskCommand = {
      type: 'RaiseRisk',
      data: {
        riskId,
        description: `risk ${riskId}`,
        score: 20,
        mitigationPlan: ['monitor'],
        raisedOn: '2024-09-01',
        relatedChangeProposals: [],
      },
    };
    await handler.handle(riskModule, raise, { actor: 'secretariat' });
  }
  for (const score of [15, 10]) {
    for (const riskId of risks) {
      await handler.handle(riskModule, { type: 'AssessRiskScore', data: { riskId, score } }, { actor: 'secretariat' });
    }
  }
  await store.close();
}

/** Changes the stored log behind the store's back, as an attacker with file access could. */
function tamper(sql: (db: Database.Database) => void): void {
  const db = new Database(path);
  db.pragma('foreign_keys = OFF');
  db.transaction(() => sql(db))();
  db.close();
}

async function verify() {
  const store = createSqliteEventStore({ path });
  try {
    return await verifyChains(store);
  } finally {
    await store.close();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccag-tamper-'));
  path = join(dir, 'events.db');
  await writeHistory();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('verify: tampering with the stored log', () => {
  it('passes an untouched log', async () => {
    const result = await verify();
    expect(result).toMatchObject({ ok: true, eventsChecked: 9, streams: 3 });
  });

  it('names the event whose data had a byte flipped', async () => {
    // position 5 is R485's first assessment (15): make it 16.
    tamper((db) => db.prepare(`UPDATE events SET data = replace(data, '15', '16') WHERE position = 5`).run());
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toMatchObject({ position: '5', stream: 'risk:R485', revision: 1 });
    expect(result.firstBad!.problem).toMatch(/content was changed/);
  });

  it('names the event after a deleted one', async () => {
    tamper((db) => db.prepare(`DELETE FROM events WHERE position = 4`).run());
    const result = await verify();
    expect(result.ok).toBe(false);
    // R202's revision 1 (position 4) is gone: its revision 2 at position 7 is the first that does not check.
    expect(result.firstBad).toMatchObject({ position: '7', stream: 'risk:R202', revision: 2 });
    expect(result.firstBad!.problem).toMatch(/missing or out of place/);
  });

  it('names the first of two swapped events', async () => {
    // Swap the content of R920's two assessments (positions 6 and 9), keeping their places.
    tamper((db) => {
      const row = (p: number) => db.prepare(`SELECT id, data, metadata FROM events WHERE position = ?`).get(p) as Record<string, string>;
      const a = row(6);
      const b = row(9);
      db.prepare(`UPDATE events SET id = ? WHERE position = 6`).run('swap-temp');
      db.prepare(`UPDATE events SET id = ?, data = ?, metadata = ? WHERE position = 9`).run(a['id'], a['data'], a['metadata']);
      db.prepare(`UPDATE events SET id = ?, data = ?, metadata = ? WHERE position = 6`).run(b['id'], b['data'], b['metadata']);
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toMatchObject({ position: '6', stream: 'risk:R920', revision: 1 });
  });
});
