import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../../services/core/hash-chain.ts';
import { runCli, tempDataDir } from './cli-process.ts';

/**
 * Each way issue 14 found to tamper with the embedded store unnoticed, tried on a copy of one
 * register: the CCAG sample with events after its last meeting, a read model the server built
 * (read-model.db) and a head a previous `ccag verify` kept. Each is caught three ways where it
 * can be: by the kept head alone, by the read model's tree alone, and (for history a meeting
 * froze) by the meetings' signed heads alone.
 */
const base = tempDataDir();
const other = tempDataDir();
// Every case works on a copy at one path: ccag keeps heads per register location, as per server.
const work = mkdtempSync(join(tmpdir(), 'ccag-holes-'));
afterAll(() => {
  base.remove();
  other.remove();
  rmSync(work, { recursive: true, force: true });
});

async function loadRegister(env: Record<string, string>, dir: string): Promise<void> {
  const loaded = await runCli(['load-sample'], env);
  expect(loaded.code, loaded.stderr).toBe(0);
  const rows = [
    { command: 'CorrectRisk', riskId: 'R202', fields: { score: 15 }, reason: 'Score was keyed wrongly' },
    {
      command: 'RaiseChangeProposal',
      codeBody: 'REC',
      ref: 'R0299',
      title: 'After the meeting',
      summary: 'x',
      raisedOn: '28/11/24',
      mhhsImpact: 'Of interest',
    },
  ];
  writeFileSync(join(dir, 'after.json'), JSON.stringify(rows));
  const imported = await runCli(['import', join(dir, 'after.json')], env);
  expect(imported.code, imported.stderr).toBe(0);
}

beforeAll(async () => {
  await loadRegister(base.env, base.dir);
  // The server's read model, as a server that had been running would have left it.
  const rebuilt = await runCli(['rebuild'], base.env);
  expect(rebuilt.code, rebuilt.stderr).toBe(0);
  cpSync(base.dir, join(work, 'register'), { recursive: true });
  const first = await runCli(['verify'], { DATA_DIR: join(work, 'register'), XDG_CONFIG_HOME: join(base.dir, 'config') });
  expect(first.code, first.stderr).toBe(0);
  // Another register with the same commands: a log of the same length, every event different.
  await loadRegister(other.env, other.dir);
}, 180_000);

type Keep = { keptHead: boolean; readModel: boolean };

/** A copy of the register with only the evidence `keep` names, tampered by `tamper`. */
function tamperedCopy(keep: Keep, tamper: (db: Database.Database) => void): Record<string, string> {
  const dir = join(work, 'register');
  rmSync(dir, { recursive: true, force: true });
  cpSync(base.dir, dir, { recursive: true });
  rmSync(join(dir, 'config'), { recursive: true, force: true });
  if (keep.keptHead) cpSync(join(base.dir, 'config'), join(work, 'config'), { recursive: true });
  else rmSync(join(work, 'config'), { recursive: true, force: true });
  if (!keep.readModel) for (const f of ['read-model.db', 'read-model.db-wal', 'read-model.db-shm']) rmSync(join(dir, f), { force: true });
  const db = new Database(join(dir, 'events.db'));
  tamper(db);
  db.close();
  return { DATA_DIR: dir, XDG_CONFIG_HOME: join(work, 'config') };
}

interface Row {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}
const rows = (db: Database.Database) => db.prepare(`SELECT * FROM events ORDER BY position`).all() as Row[];
const lastMeetingPosition = (db: Database.Database) =>
  (db.prepare(`SELECT MAX(position) AS p FROM events WHERE type = 'MeetingHeld'`).get() as { p: number }).p;

const holes: Record<string, (db: Database.Database) => void> = {
  'recorded time edited after the last meeting': (db) => {
    const last = rows(db).at(-1)!;
    db.prepare(`UPDATE events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE position = ?`).run(last.position);
  },
  'last event of a stream deleted after the last meeting': (db) => {
    const last = rows(db).at(-1)!;
    db.prepare(`DELETE FROM events WHERE position = ?`).run(last.position);
    if (last.revision === 0) db.prepare(`DELETE FROM streams WHERE stream = ?`).run(last.stream);
    else db.prepare(`UPDATE streams SET revision = revision - 1 WHERE stream = ?`).run(last.stream);
  },
  'positions swapped across streams after the last meeting': (db) => {
    const [a, b] = rows(db).slice(-2);
    expect(a!.stream).not.toBe(b!.stream);
    db.prepare(`UPDATE events SET position = -1 WHERE position = ?`).run(a!.position);
    db.prepare(`UPDATE events SET position = ? WHERE position = ?`).run(a!.position, b!.position);
    db.prepare(`UPDATE events SET position = ? WHERE position = -1`).run(b!.position);
  },
  "a stream's last event rewritten with a recomputed chain hash": (db) => {
    const last = rows(db).at(-1)!;
    const data = { ...(JSON.parse(last.data) as Record<string, unknown>), title: 'Rewritten afterwards' };
    const metadata = JSON.parse(last.metadata) as Record<string, unknown>;
    metadata['hash'] = eventHash({ stream: last.stream, revision: last.revision, id: last.id, type: last.type, data, metadata });
    db.prepare(`UPDATE events SET data = ?, metadata = ? WHERE position = ?`).run(
      JSON.stringify(data),
      JSON.stringify(metadata),
      last.position,
    );
  },
  'the whole log replaced by another of the same length': (db) => {
    db.exec(`ATTACH DATABASE '${join(other.dir, 'events.db')}' AS other`);
    expect((db.prepare(`SELECT COUNT(*) AS n FROM other.events`).get() as { n: number }).n).toBe(rows(db).length);
    db.exec(
      `DELETE FROM events; DELETE FROM streams; INSERT INTO streams SELECT * FROM other.streams; INSERT INTO events SELECT * FROM other.events;`,
    );
  },
};

describe('ccag verify finds each hole of issue 14', () => {
  it('passes the untouched copy, keeping and then checking its head', async () => {
    const env = tamperedCopy({ keptHead: true, readModel: true }, () => {});
    const result = await runCli(['verify'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/the log extends the head kept from the last verify \(size \d+\)/);
  }, 60_000);

  it.each(Object.keys(holes))(
    '%s: caught by the kept head alone',
    async (hole) => {
      const result = await runCli(['verify'], tamperedCopy({ keptHead: true, readModel: false }, holes[hole]!));
      expect(result.code, result.stdout).toBe(1);
      expect(result.stderr).toMatch(
        /FAILED: the head kept from the last verify .*(removed|rewritten or replaced|not signed)|FAILED: CCAG #3[56]/,
      );
    },
    60_000,
  );

  it.each(Object.keys(holes))(
    '%s: caught by the read model the server built, with no head kept',
    async (hole) => {
      const result = await runCli(['verify'], tamperedCopy({ keptHead: false, readModel: true }, holes[hole]!));
      expect(result.code, result.stdout).toBe(1);
      expect(result.stderr).toMatch(
        /FAILED: (event \d+ of the log differs from the one the read model|the read model at .* recorded \d+ events but the log now has \d+|CCAG #3[56])/,
      );
    },
    60_000,
  );

  it('history a meeting froze is caught by its signed head with no other evidence', async () => {
    const env = tamperedCopy({ keptHead: false, readModel: false }, (db) => {
      const before = rows(db).filter((r) => r.position < lastMeetingPosition(db));
      const victim = before[Math.floor(before.length / 2)]!;
      db.prepare(`UPDATE events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE position = ?`).run(victim.position);
    });
    const result = await runCli(['verify'], env);
    expect(result.code, result.stdout).toBe(1);
    expect(result.stderr).toContain("FAILED: CCAG #36: its signed root does not match the log's first");
  }, 60_000);

  it('a replaced log is caught by its meetings, signed with another key, with no other evidence', async () => {
    const result = await runCli(
      ['verify'],
      tamperedCopy({ keptHead: false, readModel: false }, holes['the whole log replaced by another of the same length']!),
    );
    expect(result.code, result.stdout).toBe(1);
    expect(result.stderr).toContain("FAILED: CCAG #35: its tree head is not signed with the register's key");
  }, 60_000);

  it('--since names a head the log no longer extends', async () => {
    const kept = tamperedCopy({ keptHead: true, readModel: true }, () => {});
    const ok = await runCli(['verify'], kept);
    const head = /Tree head: (\{.*\})/.exec(ok.stdout)![1]!;
    const env = tamperedCopy({ keptHead: false, readModel: false }, holes['last event of a stream deleted after the last meeting']!);
    const result = await runCli(['verify', '--since', head], env);
    expect(result.code, result.stdout).toBe(1);
    expect(result.stderr).toMatch(
      /FAILED: the head given with --since \(size (\d+), .*\): the head covers \1 events but the log now has \d+: 1 event\(s\) at the end were removed/,
    );
    const bad = await runCli(['verify', '--since', '{"treeSize": "x"}'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since: the head is not a signed tree head: treeSize: .*rootHash/);
  }, 60_000);
});
