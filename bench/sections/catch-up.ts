import Database from 'better-sqlite3';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import type { Position } from '../../services/core/position.ts';
import type { BenchContext, Sizes } from '../lib/context.ts';
import { formatCount, median, now } from '../lib/measure.ts';
import { removeDatabase, tmpPath } from '../lib/tmp.ts';
import type { BuiltLog } from '../fixtures/log-builder.ts';
import { runChild } from '../lib/child.ts';
import type { CatchUpChildInput, CatchUpChildResult } from './catch-up-child.ts';

/*
 * 2. Projection catch-up: a register opened on a log with an empty read model, timed from
 * openRegister until the runner has caught up with the head (the path `npm start` takes),
 * in a child process of its own, which also gives 6., the peak memory of a rebuild,
 * against raw batched inserts of the same row count: one row per event into a table of
 * the log index's columns, 2,000 rows per transaction (the runner's batch), in a file
 * with the read model's pragmas. The rows are real log-index rows, cycled.
 */

const BATCH = 2_000;

export interface CatchUpResult {
  /** Data directory of the last subject round, read model built: reused by as-of and movement. */
  readonly dataDir: string;
}

/** Builds the read model of `log` in `dataDir`, in a child process of its own (time and peak memory). */
export async function catchUp(log: BuiltLog, dataDir: string): Promise<CatchUpChildResult> {
  const input: CatchUpChildInput = { storePath: log.path, dataDir, events: log.events };
  const result = await runChild<CatchUpChildResult>('sections/catch-up-child.ts', input);
  if (result.reached !== log.events) throw new Error(`catch-up stopped at ${result.reached} of ${log.events}`);
  return result;
}

async function sampleRows(log: BuiltLog): Promise<unknown[][]> {
  const store = createSqliteEventStore({ path: log.path });
  const registry = createRegisterItems();
  const rows: unknown[][] = [];
  let after: Position | undefined;
  while (rows.length < 1_000) {
    const batch = await store.readAll({ after, maxCount: 1_000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      const decoded = registry.catalogue.decode(event);
      const module = registry.moduleForEventType(event.type);
      const itemId = module && decoded ? module.itemIdOf(event.stream, { type: decoded.type, data: decoded.data }) : null;
      rows.push([
        event.id,
        event.stream,
        event.revision,
        itemId,
        module?.kind ?? null,
        event.type,
        0,
        event.recordedAt,
        decoded?.metadata.effectiveAt ?? null,
        decoded?.metadata.actor ?? null,
        decoded?.metadata.reason ?? null,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      ]);
    }
    after = batch.at(-1)!.position;
  }
  await store.close();
  return rows;
}

function rawBatchedInserts(path: string, count: number, rows: readonly unknown[][]): number {
  removeDatabase(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.exec(`CREATE TABLE log (seq INTEGER PRIMARY KEY, commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL,
    event_id TEXT NOT NULL, stream TEXT NOT NULL, revision INTEGER NOT NULL, item_id TEXT, kind TEXT, event_type TEXT NOT NULL,
    correction INTEGER NOT NULL, recorded_at TEXT NOT NULL, effective_at TEXT, actor TEXT, reason TEXT, data TEXT NOT NULL,
    metadata TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((from: number, to: number) => {
    for (let seq = from; seq < to; seq++) {
      const row = rows[seq % rows.length]!;
      insert.run(seq, seq, seq, ...row);
    }
  });
  const start = now();
  for (let from = 1; from <= count; from += BATCH) batch(from, Math.min(count + 1, from + BATCH));
  const ms = now() - start;
  db.close();
  removeDatabase(path);
  return ms;
}

export async function catchUpSection(context: BenchContext, sizes: Sizes, log: BuiltLog): Promise<CatchUpResult> {
  const rows = await sampleRows(log);
  const subject: number[] = [];
  const reference: number[] = [];
  const children: CatchUpChildResult[] = [];
  const dataDir = tmpPath('catch-up', `register-${formatCount(log.events)}`);
  for (let round = 0; round < sizes.catchUpRounds; round++) {
    context.log(`catch-up ${formatCount(log.events)}: round ${round + 1} of ${sizes.catchUpRounds}`);
    const referenceMs = rawBatchedInserts(tmpPath('catch-up', 'raw.db'), log.events, rows);
    reference.push((log.events / referenceMs) * 1000);
    const child = await catchUp(log, dataDir);
    children.push(child);
    subject.push((log.events / child.ms) * 1000);
  }
  // A closing reference, so the subject rounds are bracketed on both sides.
  reference.push((log.events / rawBatchedInserts(tmpPath('catch-up', 'raw.db'), log.events, rows)) * 1000);
  const rate = median(subject);
  const rawRate = median(reference);
  const events = formatCount(log.events);
  context.figures.push({
    id: '2a',
    section: 'Catch-up',
    figure: {
      label: `Projection catch-up of ${events} events (openRegister → runner caught up, file read model)`,
      value: rate,
      unit: 'events/s',
    },
    reference: { label: `raw batched inserts of ${events} rows (2,000 per transaction)`, value: rawRate, unit: 'rows/s' },
    ratio: { value: rate / rawRate, meaning: 'of reference' },
    target: { on: 'ratio', op: '>=', threshold: 0.25, text: '≥ 25% of raw batched inserts' },
    detail: { rounds: subject, referenceRounds: reference, events: log.events, batch: BATCH },
  });
  context.figures.push({
    id: '2b',
    section: 'Catch-up',
    figure: { label: `Projection catch-up of ${events} events, absolute rate`, value: rate, unit: 'events/s' },
    reference: { label: 'raw batched inserts (as 2a)', value: rawRate, unit: 'rows/s' },
    ratio: { value: rate / rawRate, meaning: 'of reference' },
    target: { on: 'value', op: '>=', threshold: 100_000, text: '≥ 100,000 events/s' },
    detail: { rounds: subject },
  });
  const stall = Math.max(...children.map((c) => c.longestStallMs));
  const duration = median(children.map((c) => c.ms));
  context.figures.push({
    id: '2c',
    section: 'Catch-up',
    figure: { label: `Longest event-loop stall during the ${events} catch-up (no request could be answered)`, value: stall, unit: 'ms' },
    reference: { label: 'the whole catch-up', value: duration, unit: 'ms' },
    ratio: { value: stall / duration, meaning: 'of reference' },
    target: null,
  });
  const peak = Math.max(...children.map((c) => c.peakRssMb));
  const baseline = median(children.map((c) => c.baselineRssMb));
  context.figures.push({
    id: '6',
    section: 'Memory',
    figure: { label: `Peak RSS while catching up (rebuilding) the read model from ${events} events, own process`, value: peak, unit: 'MB' },
    reference: { label: 'the same process before opening the register (modules loaded)', value: baseline, unit: 'MB' },
    ratio: { value: peak / baseline, meaning: 'the baseline' },
    target: {
      on: 'value',
      op: '<=',
      threshold: 300,
      text: `≤ 300 MB${context.mode === 'quick' ? ' (brief: during a 1M rebuild; here the largest quick log)' : ''}`,
    },
    detail: { children },
  });
  return { dataDir };
}
