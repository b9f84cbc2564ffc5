import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../../services/core/hash-chain.ts';
import { runCli, tempDataDir } from './cli-process.ts';

/**
 * docs/verify.py (Python standard library, nothing of ours) against `ccag verify` on the
 * exported CCAG sample: both accept the log as written with the same root, and both refuse
 * each tampering, the Python one on the export, ours on the store the export came from.
 */
const data = tempDataDir();
const work = mkdtempSync(join(tmpdir(), 'ccag-pyverify-'));
afterAll(() => {
  data.remove();
  rmSync(work, { recursive: true, force: true });
});

interface ExportedEvent {
  position: string;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recordedAt: string;
}
let exported: ExportedEvent[] = [];
let head = '';
let publicKey = '';
let root = '';

beforeAll(async () => {
  expect((await runCli(['load-sample'], data.env)).code).toBe(0);
  const verified = await runCli(['verify'], data.env);
  expect(verified.code, verified.stderr).toBe(0);
  head = /Tree head: (\{.*\})/.exec(verified.stdout)![1]!;
  publicKey = /Public key: ([0-9a-f]{64})/.exec(verified.stdout)![1]!;
  root = /Merkle root ([0-9a-f]{64})/.exec(verified.stdout)![1]!;
  const out = await runCli(['events', 'export'], data.env);
  exported = out.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ExportedEvent);
}, 120_000);

function python(events: readonly ExportedEvent[]): { code: number; out: string } {
  const path = join(work, 'log.jsonl');
  writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  try {
    return {
      code: 0,
      out: execFileSync('python3', ['docs/verify.py', path, '--public-key', publicKey, '--head', head], {
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, out: e.stderr };
  }
}

/** `ccag verify --since HEAD` on a copy of the store with the same change made to its rows, with no other evidence. */
async function ours(change: (db: Database.Database) => void): Promise<number | null> {
  const dir = join(work, 'register');
  rmSync(dir, { recursive: true, force: true });
  cpSync(data.dir, dir, { recursive: true });
  rmSync(join(dir, 'config'), { recursive: true, force: true });
  const db = new Database(join(dir, 'events.db'));
  change(db);
  db.close();
  return (await runCli(['verify', '--since', head], { DATA_DIR: dir, XDG_CONFIG_HOME: join(work, 'config') })).code;
}

const middle = () => Math.floor(exported.length / 2);
const tamperings: Record<string, { exported: () => ExportedEvent[]; store: (db: Database.Database) => void }> = {
  'a recorded time edited': {
    exported: () => exported.map((e, i) => (i === middle() ? { ...e, recordedAt: '2020-01-01T00:00:00.000Z' } : e)),
    store: (db) =>
      db.prepare(`UPDATE events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE position = ?`).run(Number(exported[middle()]!.position)),
  },
  'an event rewritten with its chain hash recomputed': {
    exported: () =>
      exported.map((e, i) => {
        if (i !== exported.length - 1) return e;
        const data = { ...e.data, heldOn: '2024-11-28' };
        return { ...e, data, metadata: { ...e.metadata, hash: eventHash({ ...e, data }) } };
      }),
    store: (db) => {
      const e = exported.at(-1)!;
      const data = { ...e.data, heldOn: '2024-11-28' };
      db.prepare(`UPDATE events SET data = ?, metadata = ? WHERE position = ?`).run(
        JSON.stringify(data),
        JSON.stringify({ ...e.metadata, hash: eventHash({ ...e, data }) }),
        Number(e.position),
      );
    },
  },
  'the last event removed': {
    exported: () => exported.slice(0, -1),
    store: (db) => db.prepare(`DELETE FROM events WHERE position = ?`).run(Number(exported.at(-1)!.position)),
  },
};

describe('docs/verify.py and ccag verify on the exported sample', () => {
  it('both accept the log as written, with the same Merkle root, and the head ccag printed', () => {
    const result = python(exported);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain(`OK: ${exported.length} events verified; Merkle root ${root}`);
    expect(exported.filter((e) => e.type === 'MeetingHeld').map((e) => (e.data['treeHead'] as { treeSize: number }).treeSize).length).toBe(
      2,
    );
  });

  it.each(Object.keys(tamperings))(
    'both refuse %s',
    async (name) => {
      const t = tamperings[name]!;
      const result = python(t.exported());
      expect(result.code, result.out).toBe(1);
      expect(result.out).toMatch(/^FAILED: /m);
      expect(await ours(t.store)).toBe(1);
    },
    60_000,
  );

  it('refuses positions swapped between two events of different streams', () => {
    const i = exported.findIndex((e, j) => j > 0 && e.stream !== exported[j - 1]!.stream);
    const swapped = exported.map((e, j) =>
      j === i - 1 ? { ...e, position: exported[i]!.position } : j === i ? { ...e, position: exported[i - 1]!.position } : e,
    );
    const result = python(swapped);
    expect(result.code, result.out).toBe(1);
    expect(result.out).toMatch(/CCAG #35 .*do not hash to its root|the given head: the log's first \d+ events do not hash/);
  });
});
