import type { ItemKind } from '../../services/core/decider.ts';
import type { EventStore, StoredEvent } from '../../services/core/event-store.ts';
import { signEvents } from '../../services/core/sign-events.ts';
import type { ItemRegistry } from '../../services/core/registry.ts';
import { createCommandHandler, type CommandResult } from '../../services/core/command-handler.ts';
import { generateKeyPairSync } from 'node:crypto';
import { formatPosition } from '../../services/core/position.ts';
import { parseInput } from '../../services/core/validate.ts';
import { createRegisterItems } from '../../services/items.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { defaultRegisterRules } from '../../schema/rules.ts';
import { ReadModel } from '../../projections/read-model/read-model.ts';
import { ProjectionRunner } from '../../projections/runner/runner.ts';
import type { Logger } from '../../projections/runner/engine.ts';
import type { BulkCatchUp } from '../../projections/runner/bulk-catch-up.ts';
import { RegisterQueries } from '../../projections/register/queries.ts';
import { LogQueries } from '../../projections/log-index/queries.ts';
import { eventLeafHash } from '../../services/transparency/leaf.ts';
import { rootOfLeafHashes } from '../../services/transparency/merkle.ts';
import { registerProjections } from '../../services/register-projections.ts';
import { registerKeyFrom, type RegisterKey } from '../../services/transparency/signing-key.ts';
import { readWholeLog } from './projection-fold.ts';

/** A command as a caller gives it: raw input, parsed by the register's own command schemas. */
export interface RegisterCommand {
  readonly kind: ItemKind;
  readonly type: string;
  readonly input: Record<string, unknown>;
  readonly actor?: string;
  readonly reason?: string;
}

export { registerProjections };

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A clock that moves a minute on every reading, so recorded times are distinct and ordered. */
export function steppingClock(start = '2024-11-20T09:00:00.000Z', stepMs = 60_000): () => Date {
  let now = Date.parse(start);
  return () => {
    const at = new Date(now);
    now += stepMs;
    return at;
  };
}

export interface HarnessOptions {
  /** Event store file; ':memory:' (the default) for a store that lives with the test. */
  readonly storePath?: string;
  /** Read model file; ':memory:' by default. */
  readonly readModelPath?: string;
  readonly maxBatchSize?: number;
  readonly logger?: Logger;
  readonly clock?: () => Date;
  /** Start the runner following the log (default true). */
  readonly follow?: boolean;
  readonly store?: EventStore;
  /** Catch up in bulk (a worker thread) from this many events behind. */
  readonly bulk?: { readonly catchUp: BulkCatchUp; readonly threshold: number };
}

/** The write side and the read side of the register over real SQLite, without the API. */
export interface ProjectionHarness {
  readonly store: EventStore;
  readonly items: ItemRegistry;
  readonly readModel: ReadModel;
  readonly runner: ProjectionRunner;
  readonly queries: RegisterQueries;
  readonly log: LogQueries;
  /** Parses, decides and appends one command; throws what the register would refuse with. */
  execute(command: RegisterCommand): Promise<CommandResult>;
  /**
   * Appends one event as it is, with no decider: validated by the catalogue, given the
   * handler's metadata and chained to its stream. Returns it as stored.
   */
  append(event: {
    readonly stream: string;
    readonly type: string;
    readonly data: unknown;
    readonly actor?: string;
    readonly reason?: string;
  }): Promise<StoredEvent>;
  /** Waits until the read model has applied everything in the store. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export function openProjectionHarness(options: HarnessOptions = {}): ProjectionHarness {
  const clock = options.clock ?? steppingClock();
  const store =
    options.store ?? createSqliteEventStore({ path: options.storePath ?? ':memory:', clock, synchronous: 'OFF', pollIntervalMs: 20 });
  const items = createRegisterItems();
  const readModel = new ReadModel(options.readModelPath ?? ':memory:');
  const runner = new ProjectionRunner({
    store,
    registry: items,
    readModel,
    projections: registerProjections,
    logger: options.logger ?? silentLogger,
    ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
    ...(options.bulk ? { bulk: options.bulk.catchUp, bulkThreshold: options.bulk.threshold } : {}),
  });
  const newId = sequentialIds();
  const handler = createCommandHandler({ store, catalogue: items.catalogue, clock, newId });
  const signingKey = registerKeyFrom(generateKeyPairSync('ed25519').privateKey);
  const queries = new RegisterQueries(() => readModel.db, { pastReader: () => readModel.pastReader() });
  if (options.follow ?? true) runner.start();

  async function execute(command: RegisterCommand): Promise<CommandResult> {
    const module = items.moduleOf(command.kind);
    const factory = module.commands[command.type];
    if (!factory) throw new Error(`no ${command.kind} command ${command.type}`);
    const parsed = parseInput(factory(defaultRegisterRules), command.input);
    // As the register does: a hold freezes the pack at the head before it.
    const complete = module.completeCommand?.[command.type];
    const data = complete
      ? await complete(parsed as Record<string, unknown>, {
          logDigest: () => logDigestOf(store, signingKey, clock),
          viewsOf: (kind) => queries.items(kind).map((item) => item.view),
          streamExists: async (stream) => (await store.readStream(stream, { maxCount: 1 })).length > 0,
        })
      : parsed;
    return handler.handle(
      module,
      { type: command.type, data },
      {
        actor: command.actor ?? 'secretariat@ccag',
        reason: command.reason ?? null,
      },
    );
  }

  const append: ProjectionHarness['append'] = async (event) => {
    const last = (await store.readStream(event.stream)).at(-1);
    const revision = last ? Number(last.revision) : -1;
    const signed = signEvents({
      catalogue: items.catalogue,
      stream: event.stream,
      revision,
      lastHash: last ? String(last.metadata['hash']) : null,
      decided: [{ type: event.type, data: event.data }],
      command: { type: `given ${event.type}`, data: event.data },
      actor: event.actor ?? 'secretariat@ccag',
      reason: event.reason ?? null,
      effectiveAt: clock().toISOString(),
      newId,
    });
    await store.append(event.stream, signed.events, last ? last.revision : 'no_stream');
    return (await store.readStream(event.stream, { fromRevision: revision + 1 }))[0]!;
  };

  return {
    store,
    items,
    readModel,
    runner,
    queries,
    log: new LogQueries(() => readModel.db, store),
    execute,
    append,
    async settle() {
      await runner.catchUp(10_000);
    },
    async close() {
      await runner.stop();
      if (!options.store) await store.close();
      readModel.close();
    },
  };
}

/** Deterministic UUID-shaped ids, so two runs over the same commands write the same events. */
export function sequentialIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

/** The head and a signed tree head over the log up to it, from the store itself: the harness may not be following the log. */
async function logDigestOf(store: EventStore, key: RegisterKey, clock: () => Date) {
  const head = await store.headPosition();
  const log = await readWholeLog(store);
  const rootHash = rootOfLeafHashes(log.map(eventLeafHash)).toString('hex');
  const treeHead = key.sign({ treeSize: log.length, rootHash, timestamp: clock().toISOString() });
  return { boundaryPosition: head ? formatPosition(head) : '0', digest: rootHash, treeHead };
}
