import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirWithToken, riskIdsQuery, startServerOn } from '../support/server-on-dir.ts';

/**
 * A real full filesystem: a tmpfs of a few MiB (the suite runs as root in CI, as here). A
 * machine where it cannot be mounted fails this test rather than skipping it.
 */
let mountPoint: string;
beforeAll(() => {
  mountPoint = mkdtempSync(join(tmpdir(), 'ccag-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`this test needs to mount a 4 MiB tmpfs (run as root): ${(error as Error).message}`, { cause: error });
  }
});
afterAll(() => {
  try {
    execFileSync('umount', [mountPoint], { stdio: 'pipe' });
  } finally {
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

/** Fills the filesystem with one file until the disk says no more; returns its path. */
function fillUp(dir: string): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return path;
}

describe('a full disk', () => {
  it('refuses writes while full, loses none it acknowledged, and recovers without a restart once space is freed', async () => {
    const dataDir = dataDirWithToken(join(mountPoint, 'data'));
    const server = await startServerOn(dataDir, { READ_YOUR_WRITES_TIMEOUT_MS: '1000', PROJECTION_RETRY_MAX_MS: '250' });
    const acknowledged: string[] = [];
    const refusedCodes: string[] = [];
    const refusedMessages: string[] = [];
    try {
      for (let n = 1; n <= 5; n++) {
        expect((await server.raiseRisk(`R${n}`)).errors).toBeUndefined();
        acknowledged.push(`risk:R${n}`);
      }
      // The read model is behind when the disk fills (it lags under load): three writes are
      // stored while it is paused, then there is no room left for it to show them.
      const { runner } = server.server.internals;
      await runner.stop();
      for (let n = 6; n <= 8; n++) {
        const { errors } = await server.raiseRisk(`R${n}`);
        expect(errors?.[0]?.extensions).toMatchObject({ code: 'STORED_NOT_VISIBLE', stored: true, itemId: `risk:R${n}` });
        acknowledged.push(`risk:R${n}`);
      }
      const filler = fillUp(mountPoint);
      runner.start();
      await expect.poll(() => runner.state.state, { timeout: 5_000 }).toBe('retrying');
      expect((await server.ready()).status).toBe(503);
      for (let n = 9; n <= 14; n++) {
        const { errors } = await server.raiseRisk(`R${n}`);
        const code = errors?.[0]?.extensions?.code as string | undefined;
        // Stored but not yet shown counts as acknowledged: the error says so.
        if (!errors || code === 'STORED_NOT_VISIBLE') acknowledged.push(`risk:R${n}`);
        else {
          refusedCodes.push(code ?? 'none');
          refusedMessages.push(errors[0]?.message ?? '');
        }
      }
      expect(refusedCodes.length).toBeGreaterThan(0);
      // A write the full disk refused says so, in its own code: not an internal error.
      expect(new Set(refusedCodes)).toEqual(new Set(['STORAGE_FULL']));
      expect(refusedMessages[0]).toMatch(/the disk holding the event log \(\S+events\.db\) is full: nothing was stored/);
      expect(server.logLines.join('\n')).toMatch(
        /projection runner main failed \(attempt 1\), retrying in \d+ ms: database or disk is full/,
      );

      rmSync(filler);
      for (let n = 26; n <= 30; n++) {
        const { errors } = await server.raiseRisk(`R${n}`);
        expect(errors).toBeUndefined();
        acknowledged.push(`risk:R${n}`);
      }
      await server.untilReady(10_000);
      expect(server.logLines.join('\n')).toMatch(/projection runner main recovered after \d+ failed attempts?/);
      const shown = (await server.gql(riskIdsQuery)).data.risks.map((r: { id: string }) => r.id);
      expect(shown.sort()).toEqual([...acknowledged].sort());
    } finally {
      await server.stop();
    }
    // Nothing refused was stored, nothing acknowledged is missing, nothing twice.
    const log = new Database(join(dataDir.dir, 'events.db'), { readonly: true });
    const streams = log.prepare(`SELECT stream FROM events ORDER BY position`).pluck().all() as string[];
    log.close();
    expect(streams.sort()).toEqual([...acknowledged].sort());
  });
});
