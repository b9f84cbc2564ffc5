import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../services/core/event-store.ts';
import { formatPosition } from '../../services/core/position.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const appendLoop = join(repoRoot, 'tests/support/sqlite-append-loop.ts');

interface Acknowledgement {
  readonly position: string;
  readonly stream: string;
  readonly lastRevision: number;
  readonly appendNumber: number;
  readonly ids: readonly string[];
}

function parseAcknowledgement(line: string): Acknowledgement {
  const [position, stream, lastRevision, appendNumber, ids] = line.split(' ');
  if (!position || !stream || !lastRevision || !appendNumber || !ids) throw new Error(`Unreadable line from the child: ${line}`);
  return { position, stream, lastRevision: Number(lastRevision), appendNumber: Number(appendNumber), ids: ids.split(',') };
}

/** Runs the append loop until `wanted` appends are acknowledged, then kills it without warning. */
async function appendUntilKilled(file: string, wanted: number): Promise<{ acknowledged: Acknowledgement[]; refused: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', appendLoop, file], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: Acknowledgement[] = [];
  const refused: string[] = [];
  let pending = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));

  await new Promise<void>((enough, fail) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      // The last piece has no newline yet: an acknowledgement only counts once complete.
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('refused ')) refused.push(...line.slice('refused '.length).split(','));
        else acknowledged.push(parseAcknowledgement(line));
      }
      if (acknowledged.length >= wanted) enough();
    });
    child.on('exit', (code) => fail(new Error(`The append loop exited early (${code}): ${stderr}`)));
    child.on('error', fail);
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return { acknowledged, refused };
}

describe('the SQLite store after the writing process is killed', () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('keeps every acknowledged append of its group commits, whole, with every stream dense from revision 0, and none it refused', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ccag-crash-'));
    directories.push(directory);
    const file = join(directory, 'events.db');

    const { acknowledged, refused } = await appendUntilKilled(file, 300);
    expect(refused.length).toBeGreaterThan(0);

    const store = createSqliteEventStore({ path: file });
    try {
      const log: StoredEvent[] = [];
      for (let page = await store.readAll({ maxCount: 500 }); page.length > 0;) {
        log.push(...page);
        page = await store.readAll({ after: page.at(-1)!.position, maxCount: 500 });
      }
      const byPosition = new Map(log.map((event) => [formatPosition(event.position), event]));
      const byId = new Map(log.map((event) => [event.id, event]));

      for (const ack of acknowledged) {
        const last = byPosition.get(ack.position);
        expect(last, `acknowledged position ${ack.position}`).toBeDefined();
        expect(last).toMatchObject({ id: ack.ids.at(-1), stream: ack.stream, revision: ack.lastRevision });
        ack.ids.forEach((id, index) => {
          expect(byId.get(id), `event ${id} of append ${ack.appendNumber}`).toMatchObject({
            stream: ack.stream,
            revision: ack.lastRevision - (ack.ids.length - 1 - index),
            data: { appendNumber: ack.appendNumber, index },
            metadata: { actor: 'crash-test', appendNumber: ack.appendNumber },
          });
        });
      }

      for (const id of refused) expect(byId.get(id), `refused event ${id}`).toBeUndefined();

      // Appends the child made but never got to report must be whole too.
      const eventsPerAppend = new Map<number, number>();
      for (const event of log) {
        const { appendNumber } = event.data as { appendNumber: number };
        eventsPerAppend.set(appendNumber, (eventsPerAppend.get(appendNumber) ?? 0) + 1);
      }
      for (const [appendNumber, count] of eventsPerAppend) expect(count, `append ${appendNumber}`).toBe(1 + (appendNumber % 3));

      const streams = [...new Set(log.map((event) => event.stream))];
      for (const stream of streams) {
        const events = await store.readStream(stream);
        expect(events.map((event) => event.revision)).toEqual(events.map((_, index) => index));
        // The stream accepts the next write at the revision its events say it is at.
        await store.append(stream, [{ id: randomUUID(), type: 'AfterCrash', data: {}, metadata: {} }], events.length - 1);
      }
    } finally {
      await store.close();
    }

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const mismatched = db
        .prepare(
          `SELECT s.stream FROM streams s
           WHERE s.revision <> (SELECT max(e.revision) FROM events e WHERE e.stream = s.stream)`,
        )
        .all();
      expect(mismatched).toEqual([]);
    } finally {
      db.close();
    }
  });
});
