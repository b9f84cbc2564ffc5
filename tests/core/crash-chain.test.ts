import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formatPosition } from '../../services/core/position.ts';
import { verifyChains } from '../../services/core/verify.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const loop = join(repoRoot, 'tests/support/handler-append-loop.ts');

/** Runs register commands in a child until `wanted` are acknowledged, then SIGKILLs it. */
async function commandsUntilKilled(file: string, wanted: number): Promise<{ position: string; itemId: string }[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', loop, file], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const acknowledged: { position: string; itemId: string }[] = [];
  let pending = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<unknown>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
  await new Promise<void>((enough, fail) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [position, itemId] = line.split(' ');
        acknowledged.push({ position: position!, itemId: itemId! });
      }
      if (acknowledged.length >= wanted) enough();
    });
    child.on('exit', (code) => fail(new Error(`the command loop exited early (${code}): ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return acknowledged;
}

describe('the register after the writing process is killed', () => {
  const directories: string[] = [];
  afterEach(() => directories.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps every acknowledged command, and every hash chain still verifies', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ccag-crash-chain-'));
    directories.push(directory);
    const file = join(directory, 'events.db');
    const acknowledged = await commandsUntilKilled(file, 250);

    const store = createSqliteEventStore({ path: file });
    try {
      const positions = new Map<string, string>();
      for (let page = await store.readAll({ maxCount: 1000 }); page.length > 0;) {
        for (const event of page) positions.set(formatPosition(event.position), event.stream);
        page = await store.readAll({ after: page.at(-1)!.position, maxCount: 1000 });
      }
      for (const ack of acknowledged) expect(positions.get(ack.position), `acknowledged ${ack.position}`).toBe(ack.itemId);
      const verification = await verifyChains(store);
      expect(verification.firstBad).toBeUndefined();
      expect(verification.eventsChecked).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await store.close();
    }
  });
});
