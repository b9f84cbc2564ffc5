import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-process.ts';
import { dataDirWithToken, riskIdsQuery, startServerOn, type DataDir } from '../support/server-on-dir.ts';

const dirs: DataDir[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

function newDataDir(): DataDir {
  const dir = dataDirWithToken();
  dirs.push(dir);
  return dir;
}

/** Copies the embedded store's file as a backup would (the server is stopped, so the WAL is folded in). */
function backUp(dataDir: DataDir, to: string): void {
  copyFileSync(join(dataDir.dir, 'events.db'), to);
}

function restore(dataDir: DataDir, from: string): void {
  removeEvents(dataDir);
  copyFileSync(from, join(dataDir.dir, 'events.db'));
}

function removeEvents(dataDir: DataDir): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir.dir, `events.db${suffix}`), { force: true });
}

/** R1 in a backed-up log, R2 written after it; the backup restored beside the read model of both. */
async function olderLogBesideNewerReadModel(): Promise<DataDir> {
  const dataDir = newDataDir();
  const backup = join(dataDir.dir, 'events-backup.db');
  let server = await startServerOn(dataDir);
  await server.raiseRisk('R1');
  await server.stop();
  backUp(dataDir, backup);
  server = await startServerOn(dataDir);
  await server.raiseRisk('R2');
  await server.stop();
  restore(dataDir, backup);
  return dataDir;
}

async function riskIds(server: Awaited<ReturnType<typeof startServerOn>>): Promise<string[]> {
  const { data, errors } = await server.gql(riskIdsQuery);
  expect(errors).toBeUndefined();
  return (data.risks as { id: string }[]).map((r) => r.id).sort();
}

describe('a read model bound to its log', () => {
  it('is rebuilt when an older events.db is restored beside it, and then projects new writes', async () => {
    const dataDir = newDataDir();
    const backup = join(dataDir.dir, 'events-backup.db');
    let server = await startServerOn(dataDir);
    for (const id of ['R1', 'R2', 'R3']) expect((await server.raiseRisk(id)).errors).toBeUndefined();
    await server.stop();
    backUp(dataDir, backup);
    server = await startServerOn(dataDir);
    for (const id of ['R4', 'R5']) expect((await server.raiseRisk(id)).errors).toBeUndefined();
    await server.stop();

    // The read model is at 5; the restored log ends at 3.
    restore(dataDir, backup);
    server = await startServerOn(dataDir);
    try {
      await server.untilReady();
      expect(server.logLines.join('\n')).toMatch(
        /rebuilding the read model from the log: the read model's checkpoint 5 is beyond the log's head 3/,
      );
      expect(await riskIds(server)).toEqual(['risk:R1', 'risk:R2', 'risk:R3']);

      // The next write lands at position 4: it must be projected, not skipped as "already applied".
      const written = await server.raiseRisk('R6');
      expect(written.errors).toBeUndefined();
      expect(written.data.raiseRisk).toMatchObject({ position: '4', risk: { id: 'risk:R6' } });
      expect(await riskIds(server)).toEqual(['risk:R1', 'risk:R2', 'risk:R3', 'risk:R6']);
      expect((await server.ready()).body).toMatchObject({ status: 'ready', checkpoint: '4', head: '4', state: 'running' });
    } finally {
      await server.stop();
    }
    const verified = await runCli(['verify'], dataDir.env);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(/Read model: checkpoint 4 agrees with the log \(4 items sampled\)/);
    expect(verified.code).toBe(0);
  });

  it('is rebuilt when a restored older log has since grown past the checkpoint (the event there is another)', async () => {
    const dataDir = await olderLogBesideNewerReadModel();
    // Written to the restored log by a server on another read model: the head is past the checkpoint again.
    let server = await startServerOn(dataDir, { READ_MODEL: 'memory' });
    await server.raiseRisk('R7');
    await server.raiseRisk('R8');
    await server.stop();

    server = await startServerOn(dataDir);
    try {
      await server.untilReady();
      expect(server.logLines.join('\n')).toMatch(/the log no longer holds the event the read model last applied/);
      expect(await riskIds(server)).toEqual(['risk:R1', 'risk:R7', 'risk:R8']);
    } finally {
      await server.stop();
    }
  });

  it('is rebuilt when events.db is deleted: the new log is another store, and raising an item again works', async () => {
    const dataDir = newDataDir();
    let server = await startServerOn(dataDir);
    await server.raiseRisk('R1');
    await server.raiseRisk('R2');
    await server.stop();
    removeEvents(dataDir);

    server = await startServerOn(dataDir);
    try {
      const again = await server.raiseRisk('R1');
      expect(again.errors).toBeUndefined();
      expect(again.data.raiseRisk).toMatchObject({ version: 1, position: '1', risk: { id: 'risk:R1', description: 'Risk R1' } });
      expect(server.logLines.join('\n')).toMatch(
        /rebuilding the read model from the log: the read model was built from sqlite store \S+, but the log is sqlite store \S+/,
      );
      await server.untilReady();
      expect(await riskIds(server)).toEqual(['risk:R1']);
    } finally {
      await server.stop();
    }
  });

  it('`ccag verify` fails when the read model does not belong to the log, and passes after `ccag rebuild`', async () => {
    const dataDir = await olderLogBesideNewerReadModel();

    const failed = await runCli(['verify'], dataDir.env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/FAILED: read model: the read model's checkpoint 2 is beyond the log's head 1/);

    const rebuilt = await runCli(['rebuild'], dataDir.env);
    expect(rebuilt.code).toBe(0);
    const passed = await runCli(['verify'], dataDir.env);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/Read model: checkpoint 1 agrees with the log \(1 items sampled\)/);
    expect(existsSync(join(dataDir.dir, 'read-model.db.lock'))).toBe(true);
  });

  it('`ccag verify` fails when an item version in the read model disagrees with the log', async () => {
    const dataDir = newDataDir();
    const server = await startServerOn(dataDir);
    await server.raiseRisk('R1');
    await server.stop();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dataDir.dir, 'read-model.db'));
    db.prepare(`UPDATE log SET version = 7 WHERE item_id = 'risk:R1'`).run();
    db.close();

    const failed = await runCli(['verify'], dataDir.env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/FAILED: read model: risk:R1 is at version 7 in the read model, but the log holds 1 events for it/);
  });
});
