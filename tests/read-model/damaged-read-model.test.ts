import { closeSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-process.ts';
import { readModelFileProblem } from '../../projections/read-model/soundness.ts';
import { dataDirWithToken, riskIdsQuery, startServerOn, type DataDir } from '../support/server-on-dir.ts';

const dirs: DataDir[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

/** The ways a read-model.db is found broken: each must be set aside (kept) and rebuilt. */
const damages: Record<string, (path: string) => void> = {
  'garbage bytes': (path) => writeFileSync(path, Buffer.alloc(64 * 1024, 0x5a)),
  'a truncated file': (path) => truncateSync(path, Math.floor(statSync(path).size / 3)),
  'a zero-length file': (path) => writeFileSync(path, ''),
  'a SQLite file of something else': (path) => {
    writeFileSync(path, '');
    const other = new Database(path);
    other.exec(`CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5)`);
    other.close();
  },
  'a damaged page': (path) => {
    const pageSize = readFileSync(path).readUInt16BE(16);
    const fd = openSync(path, 'r+');
    // The third page: a b-tree page of one of the tables, not the header page.
    writeSync(fd, Buffer.alloc(pageSize, 0xa7), 0, pageSize, pageSize * 2);
    closeSync(fd);
  },
  // Not a page opening reads: the server finds it by reading every page after it listens.
  'a damaged last page': (path) => {
    const pageSize = readFileSync(path).readUInt16BE(16);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa7), 0, pageSize, statSync(path).size - pageSize);
    closeSync(fd);
  },
};

/** A data dir with 30 risks in the log and a read model of them, the server stopped. */
async function populated(): Promise<DataDir> {
  const dataDir = dataDirWithToken();
  dirs.push(dataDir);
  const server = await startServerOn(dataDir);
  try {
    for (let n = 1; n <= 30; n++) expect((await server.raiseRisk(`R${n}`)).errors).toBeUndefined();
  } finally {
    await server.stop();
  }
  // Fold the WAL in, so the damage is to the file the data lives in.
  const db = new Database(join(dataDir.dir, 'read-model.db'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return dataDir;
}

const setAsideFiles = (dataDir: DataDir) =>
  readdirSync(dataDir.dir).filter((name) => /^read-model\.db\.corrupt-/.test(name) && !/-(wal|shm)$/.test(name));

describe('a damaged read model', () => {
  for (const [kind, damage] of Object.entries(damages)) {
    it(`${kind}: the server sets it aside at start and rebuilds it from the log`, async () => {
      const dataDir = await populated();
      damage(join(dataDir.dir, 'read-model.db'));
      const damagedBytes = readFileSync(join(dataDir.dir, 'read-model.db'));

      const server = await startServerOn(dataDir);
      try {
        await server.untilReady();
        const { data, errors } = await server.gql(riskIdsQuery);
        expect(errors).toBeUndefined();
        expect(data.risks).toHaveLength(30);
        expect(server.logLines.join('\n')).toMatch(
          /the read model \S+read-model\.db cannot be used \(.+\); kept it as \S+read-model\.db\.corrupt-\S+ and rebuilding from the log/,
        );
      } finally {
        await server.stop();
      }
      const kept = setAsideFiles(dataDir);
      expect(kept).toHaveLength(1);
      expect(readFileSync(join(dataDir.dir, kept[0]!))).toEqual(damagedBytes);
    });

    it(`${kind}: \`ccag rebuild\` sets it aside and rebuilds it`, async () => {
      const dataDir = await populated();
      damage(join(dataDir.dir, 'read-model.db'));

      const rebuilt = await runCli(['rebuild'], dataDir.env);
      expect(rebuilt.stderr).toMatch(/warning: the read model \S+ cannot be used .*kept it as \S+read-model\.db\.corrupt-/);
      expect(rebuilt.stdout).toMatch(/Rebuilt the read model from 30 events: 30 items/);
      expect(rebuilt.code).toBe(0);
      expect(setAsideFiles(dataDir)).toHaveLength(1);
      if (kind !== 'garbage bytes') return;
      // Once is enough to show the rebuilt file is the log's.
      const verified = await runCli(['verify'], dataDir.env);
      expect(verified.stdout).toMatch(/Read model: checkpoint 30 agrees with the log/);
      expect(verified.code).toBe(0);
    });
  }
});

describe('a read model damaged while the server runs', () => {
  it('a query that meets the damage answers UNAVAILABLE; the file is set aside and rebuilt without a restart', async () => {
    const dataDir = await populated();
    const path = join(dataDir.dir, 'read-model.db');
    const server = await startServerOn(dataDir);
    try {
      await server.untilReady();
      // Every page but the first (the schema) overwritten on disk, behind the server's back.
      const pageSize = readFileSync(path).readUInt16BE(16);
      const pages = Math.floor(statSync(path).size / pageSize);
      const fd = openSync(path, 'r+');
      for (let page = 1; page < pages; page++) writeSync(fd, Buffer.alloc(pageSize, 0xa7), 0, pageSize, page * pageSize);
      closeSync(fd);

      const refused = await server.gql(riskIdsQuery);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE' });
      expect(refused.errors?.[0]?.message).toMatch(/the read model is damaged, so it is being set aside and rebuilt from the log/);
      expect(server.logLines.join('\n')).toMatch(/rebuilding the read model from the log: the read model is damaged \(a query failed: /);

      await server.untilReady();
      const { data, errors } = await server.gql(riskIdsQuery);
      expect(errors).toBeUndefined();
      expect(data.risks).toHaveLength(30);
      const kept = setAsideFiles(dataDir);
      expect(kept).toHaveLength(1);
      expect(readModelFileProblem(join(dataDir.dir, kept[0]!))).toMatch(/malformed|check failed/);
      // The rebuilt model keeps following the log.
      expect((await server.raiseRisk('R31')).errors).toBeUndefined();
      expect((await server.gql(riskIdsQuery)).data.risks).toHaveLength(31);
    } finally {
      await server.stop();
    }
  });
});
