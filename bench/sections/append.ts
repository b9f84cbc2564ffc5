import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { CommandHandler } from '@event-driven-io/emmett';
import {
  appendToStream as emmettAppendToStream,
  createEventStoreSchema,
  getSQLiteEventStore,
  readStream as emmettReadStream,
  sqliteConnection,
  type SQLiteEventStore,
} from '@event-driven-io/emmett-sqlite';
import type { EventStore } from '../../services/core/event-store.ts';
import { createCommandHandler } from '../../services/core/command-handler.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createRegisterItems } from '../../services/items.ts';
import { riskItemId } from '../../schema/ids.ts';
import type { RiskCommand, RiskEvent, RiskState } from '../../services/risk/index.ts';
import { riskDecider } from '../../services/risk/index.ts';
import type { BenchContext, Sizes } from '../lib/context.ts';
import { interleave, median, now } from '../lib/measure.ts';
import { removeDatabase, tmpPath } from '../lib/tmp.ts';
import { signEvents } from '../../services/core/sign-events.ts';

/*
 * 1. Append. Commands through the command handler (load the stream, fold, decide, sign,
 * append) against:
 * - the ceiling: raw better-sqlite3, one single-row INSERT per IMMEDIATE transaction, in
 *   WAL at the same synchronous setting, rows the size of the handler's events;
 * - Emmett's SQLite event store (0.38.5) running the same commands: its CommandHandler
 *   (aggregateStream + appendToStream) over getSQLiteEventStore, fed by the same risk
 *   decider and the same event signing, so both stores get the same events. Emmett's
 *   store opens a connection per call and sets no synchronous pragma (SQLite's default,
 *   FULL), so it is compared at FULL only. A second Emmett variant keeps one connection
 *   open (its exported appendToStream/readStream), to show how much of the gap is that.
 * The workload: AssessRiskScore alternating between two scores on RISKS risks in turn.
 */

const RISKS = 100;
const actor = 'ccag-secretariat';
type Sync = 'FULL' | 'NORMAL';

interface Rig {
  readonly name: string;
  /** Runs `count` commands (or transactions) and returns the milliseconds taken. */
  run(count: number): Promise<number>;
  close(): Promise<void>;
}

const scoreFor = (lap: number) => (lap % 2 === 0 ? 12 : 18);

function assess(index: number, lap: number): RiskCommand {
  return { type: 'AssessRiskScore', data: { riskId: `R${2000 + index}`, score: scoreFor(lap) } };
}

function raise(index: number): RiskCommand {
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
async function handlerRig(sync: Sync): Promise<Rig & { store: EventStore; sampleEvent: { data: string; metadata: string } }> {
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
function rawRig(sync: Sync, row: () => { data: string; metadata: string }): Rig {
  const path = tmpPath('append', `raw-${sync}.db`);
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

interface EmmettRisk {
  readonly view: RiskState;
  readonly revision: number;
  readonly lastHash: string | null;
}

const emmettInitial = (): EmmettRisk => ({ view: null, revision: -1, lastHash: null });
const emmettEvolve = (state: EmmettRisk, event: { type: string; data: unknown; metadata?: unknown }): EmmettRisk => ({
  view: riskDecider.evolve(state.view, { type: event.type, data: event.data } as RiskEvent),
  revision: state.revision + 1,
  lastHash: (event.metadata as { hash?: string } | undefined)?.hash ?? null,
});

/** Decide + sign exactly as our handler does, for Emmett to store. */
function emmettEvents(
  catalogue: ReturnType<typeof createRegisterItems>['catalogue'],
  stream: string,
  state: EmmettRisk,
  command: RiskCommand,
) {
  const decided = riskDecider.decide(command, state.view);
  const { events } = signEvents({
    catalogue,
    stream,
    revision: state.revision,
    lastHash: state.lastHash,
    decided,
    command,
    actor,
    reason: null,
    effectiveAt: new Date().toISOString(),
  });
  return events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, metadata: { ...e.metadata, eventId: e.id } }));
}

/** Emmett's store as shipped: getSQLiteEventStore + its CommandHandler. */
async function emmettRig(): Promise<Rig & { store: SQLiteEventStore }> {
  const path = tmpPath('append', 'emmett.db');
  removeDatabase(path);
  const store = getSQLiteEventStore({ fileName: path });
  const catalogue = createRegisterItems().catalogue;
  const handle = CommandHandler<EmmettRisk, { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>({
    evolve: emmettEvolve,
    initialState: emmettInitial,
  });
  const run = (command: RiskCommand) => {
    const stream = `risk-${command.data.riskId}`;
    return handle(store, stream, (state) => emmettEvents(catalogue, stream, state, command));
  };
  for (let i = 0; i < RISKS; i++) await run(raise(i));
  let cursor = 0;
  return {
    name: 'Emmett SQLite event store (as shipped: connection per call)',
    store,
    async run(count) {
      const start = now();
      for (let i = 0; i < count; i++, cursor++) await run(assess(cursor % RISKS, Math.floor(cursor / RISKS)));
      return now() - start;
    },
    async close() {},
  };
}

/** Emmett's own append/read functions on one connection kept open (not how its store ships). */
async function emmettOpenRig(): Promise<Rig> {
  const path = tmpPath('append', 'emmett-open.db');
  removeDatabase(path);
  const connection = sqliteConnection({ fileName: path });
  await createEventStoreSchema(connection);
  const catalogue = createRegisterItems().catalogue;
  const run = async (command: RiskCommand) => {
    const stream = `risk-${command.data.riskId}`;
    const read = await emmettReadStream(connection, stream);
    let state = emmettInitial();
    for (const event of read.events) state = emmettEvolve(state, event);
    const events = emmettEvents(catalogue, stream, state, command);
    const result = await emmettAppendToStream(connection, stream, 'risk', events, {
      expectedStreamVersion: read.currentStreamVersion,
    });
    if (!result.success) throw new Error('Emmett append conflicted');
  };
  for (let i = 0; i < RISKS; i++) await run(raise(i));
  let cursor = 0;
  return {
    name: 'Emmett appendToStream/readStream on one open connection',
    async run(count) {
      const start = now();
      for (let i = 0; i < count; i++, cursor++) await run(assess(cursor % RISKS, Math.floor(cursor / RISKS)));
      return now() - start;
    },
    async close() {
      connection.close();
    },
  };
}

const rate = (count: number, ms: number) => (count / ms) * 1000;

async function roundsOf(rigs: readonly Rig[], rounds: number, counts: readonly number[]): Promise<number[][]> {
  const rates: number[][] = rigs.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // Rotate the order so no rig always runs first (or right after the heaviest).
    for (let k = 0; k < rigs.length; k++) {
      const i = (k + round) % rigs.length;
      const ms = await rigs[i]!.run(counts[i]!);
      rates[i]!.push(rate(counts[i]!, ms));
    }
  }
  return rates;
}

export async function appendSection(context: BenchContext, sizes: Sizes): Promise<void> {
  const { rounds, fullPerRound, normalPerRound, emmettPerRound } = sizes.append;

  for (const sync of ['FULL', 'NORMAL'] as const) {
    const perRound = sync === 'FULL' ? fullPerRound : normalPerRound;
    context.log(`append (${sync}): ${rounds} rounds of ${perRound} commands`);
    const handler = await handlerRig(sync);
    await handler.run(10);
    const raw = rawRig(sync, () => handler.sampleEvent);
    await raw.run(10);
    const rigs: Rig[] = [handler, raw];
    const counts = [perRound, perRound];
    let emmett: Awaited<ReturnType<typeof emmettRig>> | undefined;
    let emmettOpen: Rig | undefined;
    if (sync === 'FULL') {
      emmett = await emmettRig();
      emmettOpen = await emmettOpenRig();
      rigs.push(emmett, emmettOpen);
      counts.push(emmettPerRound, perRound);
    }
    const rates = await roundsOf(rigs, rounds, counts);
    const handlerRate = median(rates[0]!);
    const rawRate = median(rates[1]!);
    context.figures.push({
      id: sync === 'FULL' ? '1a' : '1b',
      section: 'Append',
      figure: {
        label: `Append through the command handler, synchronous=${sync}${sync === 'FULL' ? ' (durable)' : ' (relaxed)'}`,
        value: handlerRate,
        unit: 'commands/s',
      },
      reference: { label: `raw better-sqlite3 1-row insert transactions, ${sync}`, value: rawRate, unit: 'tx/s' },
      ratio: { value: handlerRate / rawRate, meaning: 'of reference' },
      target: sync === 'FULL' ? { on: 'ratio', op: '>=', threshold: 0.5, text: '≥ 50% of the raw ceiling' } : null,
      detail: { rounds: rates[0], referenceRounds: rates[1], commandsPerRound: perRound, risks: RISKS },
    });
    if (emmett && emmettOpen) {
      const emmettRate = median(rates[2]!);
      const emmettOpenRate = median(rates[3]!);
      context.figures.push({
        id: '1c',
        section: 'Append',
        figure: { label: 'Append through the command handler, FULL', value: handlerRate, unit: 'commands/s' },
        reference: {
          label: 'Emmett SQLite store 0.38.5, same commands and events (FULL, its default)',
          value: emmettRate,
          unit: 'commands/s',
        },
        ratio: { value: handlerRate / emmettRate, meaning: "Emmett's rate" },
        target: { on: 'ratio', op: '>=', threshold: 2, text: '≥ 2× Emmett' },
        detail: { rounds: rates[0], referenceRounds: rates[2], emmettCommandsPerRound: emmettPerRound },
      });
      context.figures.push({
        id: '1d',
        section: 'Append',
        figure: { label: 'Append through the command handler, FULL', value: handlerRate, unit: 'commands/s' },
        reference: { label: "Emmett's appendToStream on one kept-open connection (FULL)", value: emmettOpenRate, unit: 'commands/s' },
        ratio: { value: handlerRate / emmettOpenRate, meaning: "Emmett's rate" },
        target: null,
        detail: { rounds: rates[0], referenceRounds: rates[3] },
      });
      await readBack(context, handler.store, emmett.store, rounds);
    }
    for (const rig of rigs) await rig.close();
  }
}

/** Reading the same events back, stream by stream, from both stores. */
async function readBack(context: BenchContext, ours: EventStore, emmett: SQLiteEventStore, rounds: number): Promise<void> {
  const streams = Array.from({ length: RISKS }, (_, i) => `R${2000 + i}`);
  const { subject, reference } = await interleave(
    Math.max(2, rounds - 1),
    async () => {
      const start = now();
      let events = 0;
      for (const id of streams) events += (await ours.readStream(riskItemId(id))).length;
      return rate(events, now() - start);
    },
    async () => {
      const start = now();
      let events = 0;
      for (const id of streams) events += (await emmett.readStream(`risk-${id}`)).events.length;
      return rate(events, now() - start);
    },
  );
  context.figures.push({
    id: '1e',
    section: 'Append',
    figure: { label: 'Read the same events back, stream by stream (our SQLite store)', value: median(subject), unit: 'events/s' },
    reference: { label: 'Emmett readStream, same streams', value: median(reference), unit: 'events/s' },
    ratio: { value: median(subject) / median(reference), meaning: "Emmett's rate" },
    target: null,
    detail: { rounds: subject, referenceRounds: reference, streams: RISKS },
  });
}
