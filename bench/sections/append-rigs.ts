import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { EventStore } from '../../services/core/event-store.ts';
import { createCommandHandler } from '../../services/core/command-handler.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import { riskItemId } from '../../schema/ids.ts';
import type { RiskCommand } from '../../services/risk/index.ts';
import { now } from '../lib/measure.ts';
import { removeDatabase, tmpPath } from '../lib/tmp.ts';

/*
 * The append workload and its rigs: AssessRiskScore alternating between two scores on
 * RISKS risks in turn, through the command handler over the SQLite store, and the ceiling,
 * raw better-sqlite3 single-row INSERT transactions in WAL at the same synchronous setting.
 */

export const RISKS = 100;
export const actor = 'ccag-secretariat';
export type Sync = 'FULL' | 'NORMAL';

export interface Rig {
  readonly name: string;
  /** Runs `count` commands (or transactions) and returns the milliseconds taken. */
  run(count: number): Promise<number>;
  close(): Promise<void>;
}

export interface SampleRow {
  readonly data: string;
  readonly metadata: string;
}

const scoreFor = (lap: number) => (lap % 2 === 0 ? 12 : 18);

export function assess(index: number, lap: number): RiskCommand {
  return { type: 'AssessRiskScore', data: { riskId: `R${2000 + index}`, score: scoreFor(lap) } };
}

export function raise(index: number): RiskCommand {
  return {
    type: 'RaiseRisk',
    data: {
      riskId: `R${2000 + index}`,
      description:
        'There is a risk that Code Drafting (specifically the Energy Market Data Specification) does not reflect the intended MHHS design',
      score: 20,
      mitigationPlan: ['Monthly review with the workstream leads', 'Escalate to CCAG when the forecast slips'],
      raisedOn: '2024-07-01',
      relatedChangeProposals: [],
    },
  };
}

/** The command handler over the SQLite store. */
export async function handlerRig(sync: Sync): Promise<Rig & { store: EventStore; sampleEvent: SampleRow }> {
  const path = tmpPath('append', `handler-${sync}.db`);
  removeDatabase(path);
  const store = createSqliteEventStore({ path, synchronous: sync });
  const items = createRegisterItems();
  const handler = createCommandHandler({ store, catalogue: items.catalogue, clock: () => new Date(), newId: randomUUID });
  const module = items.moduleOf('risk');
  for (let i = 0; i < RISKS; i++) await handler.handle(module, raise(i), { actor });
  let cursor = 0;
  let sample = { data: '', metadata: '' };
  return {
    name: `command handler (${sync})`,
    store,
    get sampleEvent() {
      return sample;
    },
    async run(count) {
      const start = now();
      for (let i = 0; i < count; i++, cursor++) {
        const result = await handler.handle(module, assess(cursor % RISKS, Math.floor(cursor / RISKS)), { actor });
        if (result.events.length !== 1) throw new Error('the benchmark command wrote nothing: check the alternation');
        if (i === 0) sample = { data: JSON.stringify(result.events[0]!.data), metadata: JSON.stringify(result.events[0]!.metadata) };
      }
      return now() - start;
    },
    close: () => store.close(),
  };
}

/** The ceiling: one single-row insert per transaction, nothing else. */
export function rawRig(sync: Sync, row: () => SampleRow, name = 'raw'): Rig {
  const path = tmpPath('append', `${name}-${sync}.db`);
  removeDatabase(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL,
    id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertOne = db.transaction((stream: string, revision: number, data: string, metadata: string) =>
    insert.run(stream, revision, randomUUID(), 'RiskScoreAssessed', data, metadata, new Date().toISOString()),
  );
  let cursor = 0;
  return {
    name: `raw better-sqlite3 insert (${sync})`,
    async run(count) {
      const { data, metadata } = row();
      const start = now();
      for (let i = 0; i < count; i++, cursor++) insertOne.immediate(riskItemId(`R${2000 + (cursor % RISKS)}`), cursor, data, metadata);
      return now() - start;
    },
    async close() {
      db.close();
    },
  };
}
