import { CommandHandler } from '@event-driven-io/emmett';
import {
  appendToStream as emmettAppendToStream,
  createEventStoreSchema,
  getSQLiteEventStore,
  readStream as emmettReadStream,
  sqliteConnection,
  type SQLiteEventStore,
} from '@event-driven-io/emmett-sqlite';
import { createRegisterItems } from '../../services/items.ts';
import type { RiskCommand, RiskEvent, RiskState } from '../../services/risk/index.ts';
import { riskDecider } from '../../services/risk/index.ts';
import { signEvents } from '../../services/core/sign-events.ts';
import { now } from '../lib/measure.ts';
import { removeDatabase, tmpPath } from '../lib/tmp.ts';
import { actor, assess, raise, RISKS, type Rig } from './append-rigs.ts';

/*
 * Emmett's SQLite event store (0.38.5) running the same commands as our handler, fed by the
 * same risk decider and the same event signing, so both stores get the same events:
 * - kept open (the headline): Emmett's exported appendToStream/readStream on one connection,
 *   as a service using it would hold one;
 * - as shipped: its CommandHandler over getSQLiteEventStore, which opens a connection per
 *   call (information: most of that gap is the connection).
 * Emmett sets no synchronous pragma (SQLite's default, FULL), so it is compared at FULL only.
 */

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

export type EmmettRig = Rig & {
  /** Commands retried after Emmett's SQLite reported SQLITE_BUSY (seen on this loaded machine). */
  readonly busyRetries: number;
};

const isBusy = (error: unknown) => (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

/**
 * Runs `count` commands, retrying one that Emmett's store fails with SQLITE_BUSY
 * ("cannot commit transaction - SQL statements in progress": its sqlite3 driver, under load):
 * the retry is counted, and its time stays in the figure.
 */
function commandLoop(run: (command: RiskCommand) => Promise<unknown>): { run(count: number): Promise<number>; retries(): number } {
  let cursor = 0;
  let retries = 0;
  return {
    async run(count) {
      const start = now();
      for (let i = 0; i < count; i++, cursor++) {
        const command = assess(cursor % RISKS, Math.floor(cursor / RISKS));
        for (let attempt = 1; ; attempt++) {
          try {
            await run(command);
            break;
          } catch (error) {
            if (!isBusy(error) || attempt === 5) throw error;
            retries++;
          }
        }
      }
      return now() - start;
    },
    retries: () => retries,
  };
}

/** Emmett's store as shipped: getSQLiteEventStore + its CommandHandler. */
export async function emmettRig(): Promise<EmmettRig & { store: SQLiteEventStore }> {
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
  const loop = commandLoop(run);
  return {
    name: 'Emmett SQLite event store (as shipped: connection per call)',
    store,
    run: loop.run,
    get busyRetries() {
      return loop.retries();
    },
    async close() {},
  };
}

/** Emmett's own append/read functions on one connection kept open (not how its store ships). */
export async function emmettOpenRig(): Promise<EmmettRig> {
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
  const loop = commandLoop(run);
  return {
    name: 'Emmett appendToStream/readStream on one open connection',
    run: loop.run,
    get busyRetries() {
      return loop.retries();
    },
    async close() {
      connection.close();
    },
  };
}
