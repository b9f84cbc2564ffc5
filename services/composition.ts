import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemModule } from './core/decider.ts';
import type { EventStore } from './core/event-store.ts';
import { createCommandHandler, newEventId } from './core/command-handler.ts';
import type { RegisterConfig } from './config.ts';
import { createRegisterItems } from './items.ts';
import { createRegister, type Register, type RegisterInternals } from './register.ts';
import { createSqliteEventStore } from './eventstore/sqlite/sqlite-event-store.ts';
import { ReadModel } from '../projections/read-model/read-model.ts';
import type { ReadModelOpener } from '../projections/read-model/lock.ts';
import { ProjectionRunner } from '../projections/runner/runner.ts';
import { bulkCatchUpInWorker } from '../projections/runner/bulk-catch-up.ts';
import { DEFAULT_RETRY_POLICY } from '../projections/runner/recovery.ts';
import type { Logger } from '../projections/runner/engine.ts';
import { RegisterQueries } from '../projections/register/queries.ts';
import { LogQueries } from '../projections/log-index/queries.ts';
import { registerProjections } from './register-projections.ts';
import { loadOrCreateRegisterKey } from './transparency/signing-key.ts';
import { Transparency } from './transparency/transparency.ts';
import { LogVerifier } from './verification.ts';

export interface ComposeOptions {
  readonly config: Pick<RegisterConfig, 'dataDir' | 'eventStore' | 'readModel' | 'rules' | 'readYourWritesTimeoutMs'> &
    Partial<Pick<RegisterConfig, 'projectionRetryMaxMs' | 'signingKeyFile'>>;
  readonly logger: Logger;
  readonly clock?: () => Date;
  readonly newId?: () => string;
  /** Use this store instead of building one from the configuration (tests). */
  readonly store?: EventStore;
  /** Start following the log (default true). */
  readonly follow?: boolean;
  /** Kinds of item beyond the register's own (a test's sixth kind). */
  readonly extraModules?: readonly ItemModule[];
  /** Open the read model even while another process holds it (`ccag rebuild --force`). */
  readonly ignoreReadModelLock?: boolean;
  /** Read the read model's every page after opening it, in a worker (the server, to listen at once). */
  readonly checkReadModelInBackground?: boolean;
  /** Who opens a file read model (default the server), for what a refusal advises. */
  readonly readModelOpener?: ReadModelOpener;
}

/** The register, the parts it runs on (for maintenance commands and tests), and how to close them. */
export interface ComposedRegister {
  readonly register: Register;
  readonly internals: RegisterInternals;
  close(): Promise<void>;
}

async function storeFromConfig(config: ComposeOptions['config'], clock: () => Date, logger: Logger): Promise<EventStore> {
  const eventStore = config.eventStore;
  if (eventStore.kind === 'sqlite') {
    return createSqliteEventStore({ path: join(config.dataDir, 'events.db'), synchronous: eventStore.synchronous, clock });
  }
  // Loaded only when configured: the EventStoreDB client (gRPC) costs about 15 MB of memory to load.
  const { createEsdbEventStore } = await import('./eventstore/esdb/esdb-event-store.ts');
  return createEsdbEventStore({ connectionString: eventStore.connectionString, ...eventStore.timings }, { logger });
}

/**
 * The one place the register is put together: store, item registry, read model, projection
 * runner, command handler, queries, and the facade over them.
 */
export async function composeRegister(options: ComposeOptions): Promise<ComposedRegister> {
  const { config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? newEventId;
  const inMemory = config.readModel === 'memory';
  if (!inMemory || (config.eventStore.kind === 'sqlite' && !options.store)) mkdirSync(config.dataDir, { recursive: true });

  const store = options.store ?? (await storeFromConfig(config, clock, logger));
  const items = createRegisterItems(options.extraModules);
  let readModel: ReadModel;
  try {
    readModel = new ReadModel(inMemory ? ':memory:' : join(config.dataDir, 'read-model.db'), {
      warn: (message) => logger.warn(message),
      ignoreLock: options.ignoreReadModelLock ?? false,
      checkPagesInBackground: options.checkReadModelInBackground ?? false,
      opener: options.readModelOpener ?? 'server',
    });
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
  const runner = new ProjectionRunner({
    store,
    registry: items,
    readModel,
    projections: registerProjections,
    // The worker knows the register's own kinds only: a test's extra kind is projected here.
    ...(options.extraModules?.length ? {} : { bulk: bulkCatchUpInWorker }),
    logger,
    retry: { ...DEFAULT_RETRY_POLICY, maxDelayMs: config.projectionRetryMaxMs ?? DEFAULT_RETRY_POLICY.maxDelayMs },
  });
  const handler = createCommandHandler({ store, catalogue: items.catalogue, clock, newId });
  const queries = new RegisterQueries(() => readModel.db, { pastReader: () => readModel.pastReader() });
  const log = new LogQueries(() => readModel.db, store);
  const key = loadOrCreateRegisterKey(config.signingKeyFile ?? join(config.dataDir, 'signing-key.pem'));
  const transparency = new Transparency(() => readModel.db, key, clock);
  const verifier = new LogVerifier({ store, database: () => readModel.db, queries, publicKey: key.publicKey });
  if (options.follow ?? true) runner.start();

  const internals: RegisterInternals = { store, handler, readModel, runner, queries, log, clock };
  const register = createRegister({
    ...internals,
    items,
    rules: config.rules,
    readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
    transparency,
    verifier,
  });
  return {
    register,
    internals,
    async close() {
      await runner.stop();
      await store.close();
      readModel.close();
    },
  };
}
