import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemKind } from './core/decider.ts';
import type { EventStore } from './core/event-store.ts';
import type { ItemRegistry } from './core/registry.ts';
import { createCommandHandler, type CommandHandler, type CommandResult } from './core/command-handler.ts';
import { computeLogDigest } from './core/digest.ts';
import { ValidationError, type FieldIssue } from './core/errors.ts';
import { parseInput } from './core/validate.ts';
import { formatPosition } from './core/position.ts';
import { authorizeCommand, requireWriter, type Caller } from './access.ts';
import type { RegisterConfig } from './config.ts';
import { commandSchemas, createRegisterItems } from './items.ts';
import { createSqliteEventStore } from './eventstore/sqlite/sqlite-event-store.ts';
import { ReadModel } from '../projections/read-model/read-model.ts';
import { ProjectionRunner } from '../projections/runner/runner.ts';
import type { Logger } from '../projections/runner/engine.ts';
import { logIndexProjection } from '../projections/log-index/projection.ts';
import { registerProjection } from '../projections/register/projection.ts';
import { RegisterQueries, type ItemVersion } from '../projections/register/queries.ts';
import { LogQueries } from '../projections/log-index/queries.ts';
import type { RegisterRules } from '../schema/rules.ts';

export interface WriteOptions {
  readonly expectedVersion?: number | null | undefined;
  readonly idempotencyKey?: string | null | undefined;
  readonly reason?: string | null | undefined;
  readonly effectiveAt?: string | null | undefined;
  readonly correlationId?: string | undefined;
}

export interface WriteOutcome {
  readonly result: CommandResult;
  /** The item as the read model shows it once it has reached the write. */
  readonly item: ItemVersion | undefined;
  readonly position: string | null;
}

/** The register without its HTTP face: store, projections, command execution, queries. */
export interface Register {
  readonly rules: RegisterRules;
  readonly store: EventStore;
  readonly items: ItemRegistry;
  readonly handler: CommandHandler;
  readonly readModel: ReadModel;
  readonly runner: ProjectionRunner;
  readonly queries: RegisterQueries;
  readonly log: LogQueries;
  readonly readYourWritesTimeoutMs: number;
  execute(kind: ItemKind, commandType: string, input: unknown, caller: Caller, options?: WriteOptions): Promise<WriteOutcome>;
  /** Freezes the pack: records the log digest up to now, then holds the meeting. */
  holdMeeting(input: { number: number; heldOn: string }, caller: Caller, options?: WriteOptions): Promise<WriteOutcome>;
  close(): Promise<void>;
}

export interface OpenRegisterOptions {
  readonly config: Pick<RegisterConfig, 'dataDir' | 'eventStore' | 'readModel' | 'rules' | 'readYourWritesTimeoutMs'>;
  readonly logger: Logger;
  readonly clock?: () => Date;
  readonly newId?: () => string;
  /** Use this store instead of building one from the configuration (tests). */
  readonly store?: EventStore;
  /** Start following the log (default true). */
  readonly follow?: boolean;
}

function writeOptionIssues(options: WriteOptions): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { expectedVersion, effectiveAt } = options;
  if (expectedVersion != null && (!Number.isInteger(expectedVersion) || expectedVersion < 0)) {
    issues.push({ path: ['options', 'expectedVersion'], message: 'must be a whole number, 0 or more' });
  }
  if (effectiveAt != null && Number.isNaN(new Date(effectiveAt).getTime())) {
    issues.push({ path: ['options', 'effectiveAt'], message: 'must be an ISO-8601 date-time' });
  }
  return issues;
}

/** A link to a change proposal must name one the register holds (checked against the read model). */
function unknownRelatedChangeProposals(data: Record<string, unknown>, queries: RegisterQueries): FieldIssue[] {
  const lists: [string, unknown][] = [
    ['relatedChangeProposals', data['relatedChangeProposals']],
    ['add', data['add']],
  ];
  return lists.flatMap(([field, ids]) =>
    Array.isArray(ids)
      ? ids.flatMap((id, i) =>
          typeof id === 'string' && !queries.item(id)
            ? [{ path: ['input', field, i], message: `${id} is not on the register` }]
            : [],
        )
      : [],
  );
}

async function storeFromConfig(config: OpenRegisterOptions['config'], clock: () => Date): Promise<EventStore> {
  const eventStore = config.eventStore;
  if (eventStore.kind === 'sqlite') {
    return createSqliteEventStore({ path: join(config.dataDir, 'events.db'), synchronous: eventStore.synchronous, clock });
  }
  // Loaded only when configured: the EventStoreDB client (gRPC) costs about 15 MB of memory to load.
  const { createEsdbEventStore } = await import('./eventstore/esdb/esdb-event-store.ts');
  return createEsdbEventStore({ connectionString: eventStore.connectionString });
}

export async function openRegister(options: OpenRegisterOptions): Promise<Register> {
  const { config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const inMemory = config.readModel === 'memory';
  if (!inMemory || (config.eventStore.kind === 'sqlite' && !options.store)) mkdirSync(config.dataDir, { recursive: true });

  const store = options.store ?? (await storeFromConfig(config, clock));
  const items = createRegisterItems();
  const readModel = new ReadModel(inMemory ? ':memory:' : join(config.dataDir, 'read-model.db'));
  const runner = new ProjectionRunner({
    store,
    registry: items,
    readModel,
    projections: [logIndexProjection, registerProjection],
    logger,
  });
  const handler = createCommandHandler({ store, catalogue: items.catalogue, clock, newId });
  const queries = new RegisterQueries(() => readModel.db);
  const log = new LogQueries(() => readModel.db);
  if (options.follow ?? true) runner.start();

  async function execute(kind: ItemKind, commandType: string, input: unknown, caller: Caller, writeOptions: WriteOptions = {}) {
    requireWriter(caller);
    const factory = commandSchemas[kind][commandType];
    if (!factory) throw new ValidationError([{ path: ['command'], message: `unknown ${kind} command ${commandType}` }]);
    // Bad options are reported together with bad input: one reply names every mistake.
    const optionIssues = writeOptionIssues(writeOptions);
    let data: Record<string, unknown>;
    try {
      data = parseInput(factory(config.rules), input, ['input']) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError([...error.issues, ...optionIssues]);
      throw error;
    }
    if (optionIssues.length > 0) throw new ValidationError(optionIssues);
    authorizeCommand(caller, kind, data, config.rules);
    const unknownRelated = unknownRelatedChangeProposals(data, queries);
    if (unknownRelated.length > 0) throw new ValidationError(unknownRelated);
    const module = items.moduleOf(kind);
    const result = await handler
      .handle(module, { type: commandType, data }, {
        actor: caller.principal,
        reason: writeOptions.reason ?? null,
        effectiveAt: writeOptions.effectiveAt ?? undefined,
        expectedVersion: writeOptions.expectedVersion ?? undefined,
        idempotencyKey: writeOptions.idempotencyKey ?? undefined,
        correlationId: writeOptions.correlationId,
      })
      .catch((error: unknown) => {
        // The handler names its own context fields (effectiveAt); callers gave them as options.
        if (error instanceof ValidationError && error.issues.every((i) => i.path[0] === 'effectiveAt')) {
          throw new ValidationError(error.issues.map((i) => ({ ...i, path: ['options', ...i.path] })));
        }
        throw error;
      });
    await runner.waitFor(result.position, config.readYourWritesTimeoutMs);
    return {
      result,
      item: queries.item(result.itemId),
      position: result.position ? formatPosition(result.position) : null,
    };
  }

  return {
    rules: config.rules,
    store,
    items,
    handler,
    readModel,
    runner,
    queries,
    log,
    readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
    execute,
    async holdMeeting(input, caller, writeOptions = {}) {
      authorizeCommand(caller, 'meeting', input as unknown as Record<string, unknown>, config.rules);
      const digest = await computeLogDigest(store, await store.headPosition());
      return execute('meeting', 'HoldMeeting', { ...input, boundaryPosition: digest.boundaryPosition, digest: digest.digest }, caller, writeOptions);
    },
    async close() {
      await runner.stop();
      await store.close();
      readModel.close();
    },
  };
}
