import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemKind } from './core/decider.ts';
import type { EventStore } from './core/event-store.ts';
import type { ItemRegistry } from './core/registry.ts';
import { createCommandHandler, type CommandContext, type CommandHandler, type CommandResult } from './core/command-handler.ts';
import { z } from 'zod';
import { IntegrityError, ValidationError, type FieldIssue } from './core/errors.ts';
import { parseInput } from './core/validate.ts';
import { formatPosition } from './core/position.ts';
import { authorizeCommand, type Caller } from './access.ts';
import type { RegisterConfig } from './config.ts';
import { createRegisterItems } from './items.ts';
import type { ItemModule } from './core/decider.ts';
import { createSqliteEventStore } from './eventstore/sqlite/sqlite-event-store.ts';
import { ReadModel } from '../projections/read-model/read-model.ts';
import { ProjectionRunner } from '../projections/runner/runner.ts';
import { DEFAULT_RETRY_POLICY } from '../projections/runner/recovery.ts';
import type { Logger } from '../projections/runner/engine.ts';
import { logIndexProjection } from '../projections/log-index/projection.ts';
import { registerProjection } from '../projections/register/projection.ts';
import { RegisterQueries, type ItemVersion } from '../projections/register/queries.ts';
import { LogQueries } from '../projections/log-index/queries.ts';
import { merkleTreeProjection } from './transparency/projection.ts';
import { loadOrCreateRegisterKey } from './transparency/signing-key.ts';
import { Transparency } from './transparency/transparency.ts';
import { LogVerifier } from './verification.ts';
import type { RegisterRules } from '../schema/rules.ts';
import { isoDateTime } from '../schema/metadata.ts';
import { freeText, idempotencyKey } from '../schema/values.ts';

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

export interface CommandRehearsal {
  /** Refuses as `execute` would; otherwise says whether the command is a retry and how many events it would write. */
  check(
    kind: ItemKind,
    commandType: string,
    input: unknown,
    caller: Caller,
    options?: WriteOptions,
  ): Promise<{ readonly replayed: boolean; readonly events: number }>;
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
  /** The log's Merkle tree: signed heads and proofs. */
  readonly transparency: Transparency;
  /** Incremental verification of chains, tree and meeting heads (cached per log head). */
  readonly verifier: LogVerifier;
  readonly readYourWritesTimeoutMs: number;
  execute(kind: ItemKind, commandType: string, input: unknown, caller: Caller, options?: WriteOptions): Promise<WriteOutcome>;
  /** Freezes the pack: the register verifies the log up to now and signs its tree head as it holds the meeting. */
  holdMeeting(input: { number: number; heldOn: string }, caller: Caller, options?: WriteOptions): Promise<WriteOutcome>;
  /** Judges commands in turn, each against the log plus what the earlier ones would write; writes nothing. */
  rehearsal(): CommandRehearsal;
  /** The day by the register's clock, ISO. */
  today(): string;
  close(): Promise<void>;
}

export interface OpenRegisterOptions {
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
}

/** Clocks drift; an effective time this far ahead of ours is a mistake, not drift. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** The write options, judged once, against the register's clock, with the command's input. */
function writeOptionsSchema(clock: () => Date, rules: RegisterRules) {
  return z.object({
    reason: freeText(rules.textLimits.text).nullish(),
    idempotencyKey: idempotencyKey.nullish(),
    expectedVersion: z.number().int('must be a whole number, 0 or more').min(0, 'must be a whole number, 0 or more').nullish(),
    effectiveAt: isoDateTime
      .refine((at) => !(new Date(at).getTime() > clock().getTime() + FUTURE_TOLERANCE_MS), 'cannot be in the future')
      .nullish(),
  });
}

/** Ids in the command's declared reference fields that name no change proposal in the log. */
async function unknownReferences(
  store: EventStore,
  fields: readonly string[],
  data: Record<string, unknown>,
  known: (id: string) => boolean,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const field of fields) {
    const ids = data[field];
    if (!Array.isArray(ids)) continue;
    for (const [i, id] of ids.entries()) {
      if (known(String(id))) continue;
      // A change proposal's stream is named by its id.
      const events = await store.readStream(String(id), { direction: 'backwards', maxCount: 1 });
      if (events.length === 0) issues.push({ path: ['input', field, i], message: `${String(id)} is not on the register` });
    }
  }
  return issues;
}

/** Parses the input and the options together: one reply names every mistake. */
function parseCommand(
  schema: z.ZodType,
  input: unknown,
  options: WriteOptions,
  clock: () => Date,
  rules: RegisterRules,
): { data: Record<string, unknown>; options: WriteOptions } {
  const issues: FieldIssue[] = [];
  let data: Record<string, unknown> = {};
  let parsedOptions: WriteOptions = {};
  try {
    data = parseInput(schema, input, ['input']) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  try {
    parsedOptions = { ...options, ...parseInput(writeOptionsSchema(clock, rules), options, ['options']) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { data, options: parsedOptions };
}

async function storeFromConfig(config: OpenRegisterOptions['config'], clock: () => Date, logger: Logger): Promise<EventStore> {
  const eventStore = config.eventStore;
  if (eventStore.kind === 'sqlite') {
    return createSqliteEventStore({ path: join(config.dataDir, 'events.db'), synchronous: eventStore.synchronous, clock });
  }
  // Loaded only when configured: the EventStoreDB client (gRPC) costs about 15 MB of memory to load.
  const { createEsdbEventStore } = await import('./eventstore/esdb/esdb-event-store.ts');
  return createEsdbEventStore({ connectionString: eventStore.connectionString }, { logger });
}

export async function openRegister(options: OpenRegisterOptions): Promise<Register> {
  const { config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const inMemory = config.readModel === 'memory';
  if (!inMemory || (config.eventStore.kind === 'sqlite' && !options.store)) mkdirSync(config.dataDir, { recursive: true });

  const store = options.store ?? (await storeFromConfig(config, clock, logger));
  const items = createRegisterItems(options.extraModules);
  let readModel: ReadModel;
  try {
    readModel = new ReadModel(inMemory ? ':memory:' : join(config.dataDir, 'read-model.db'), {
      warn: (message) => logger.warn(message),
      ignoreLock: options.ignoreReadModelLock ?? false,
    });
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
  const runner = new ProjectionRunner({
    store,
    registry: items,
    readModel,
    projections: [logIndexProjection, registerProjection, merkleTreeProjection],
    logger,
    retry: { ...DEFAULT_RETRY_POLICY, maxDelayMs: config.projectionRetryMaxMs ?? DEFAULT_RETRY_POLICY.maxDelayMs },
  });
  const handler = createCommandHandler({ store, catalogue: items.catalogue, clock, newId });
  const queries = new RegisterQueries(() => readModel.db);
  const log = new LogQueries(() => readModel.db);
  const key = loadOrCreateRegisterKey(config.signingKeyFile ?? join(config.dataDir, 'signing-key.pem'));
  const transparency = new Transparency(() => readModel.db, key, clock);
  const verifier = new LogVerifier({ store, database: () => readModel.db, queries, publicKey: key.publicKey });
  if (options.follow ?? true) runner.start();

  const services = {
    // The pack freezes the log as the read model has it; the signed head covers exactly that prefix.
    logDigest: async () => {
      await runner.waitFor(await store.headPosition(), config.readYourWritesTimeoutMs);
      const report = await verifier.verify();
      if (!report.ok) {
        const bad = report.firstBad;
        const where = bad ? { stream: bad.stream, revision: bad.revision, position: bad.position } : undefined;
        throw new IntegrityError(`the log does not verify, so no meeting can freeze it: ${report.problems[0]}`, where);
      }
      const treeHead = transparency.signedHead(report.eventsChecked);
      return { boundaryPosition: report.head, digest: treeHead.rootHash, treeHead };
    },
  };

  /** Authorizes, parses input and options together, checks references, completes: the command as the handler takes it. */
  async function prepare(
    kind: ItemKind,
    commandType: string,
    input: unknown,
    caller: Caller,
    givenOptions: WriteOptions,
    known: (id: string) => boolean,
    completion: typeof services,
  ) {
    const module = items.moduleOf(kind);
    // Before the input is read: a caller who may not write learns nothing about what it sent.
    authorizeCommand(caller, module, input, config.rules);
    const factory = module.commands[commandType];
    if (!factory) throw new ValidationError([{ path: ['command'], message: `unknown ${kind} command ${commandType}` }]);
    const { data: parsed, options: writeOptions } = parseCommand(factory(config.rules), input, givenOptions, clock, config.rules);
    const unknownRelated = await unknownReferences(store, module.references?.[commandType] ?? [], parsed, known);
    if (unknownRelated.length > 0) throw new ValidationError(unknownRelated);
    const complete = module.completeCommand?.[commandType];
    const data = complete ? await complete(parsed, completion) : parsed;
    const context: CommandContext = {
      actor: caller.principal,
      reason: writeOptions.reason ?? null,
      effectiveAt: writeOptions.effectiveAt ?? undefined,
      expectedVersion: writeOptions.expectedVersion ?? undefined,
      idempotencyKey: writeOptions.idempotencyKey ?? undefined,
      correlationId: writeOptions.correlationId,
    };
    return { module, command: { type: commandType, data }, context };
  }

  async function execute(kind: ItemKind, commandType: string, input: unknown, caller: Caller, givenOptions: WriteOptions = {}) {
    const { module, command, context } = await prepare(kind, commandType, input, caller, givenOptions, () => false, services);
    const result = await handler.handle(module, command, context);
    await runner.waitForWrite({ ...result, lastEventId: result.replayed ? undefined : result.events.at(-1)?.id }, config.readYourWritesTimeoutMs);
    return {
      result,
      item: queries.item(result.itemId),
      position: result.position ? formatPosition(result.position) : null,
    };
  }

  // A rehearsed hold freezes nothing: the digest is computed when the meeting is really held.
  const zeros = (n: number) => '0'.repeat(n);
  const rehearsedServices: typeof services = {
    logDigest: async () => ({
      boundaryPosition: '0',
      digest: zeros(64),
      treeHead: { treeSize: 0, rootHash: zeros(64), timestamp: clock().toISOString(), keyId: zeros(64), signature: zeros(128) },
    }),
  };

  function rehearsal(): CommandRehearsal {
    const rehearsed = handler.rehearsal();
    return {
      async check(kind, commandType, input, caller, givenOptions = {}) {
        const { module, command, context } = await prepare(kind, commandType, input, caller, givenOptions, rehearsed.holds, rehearsedServices);
        return rehearsed.decide(module, command, context);
      },
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
    transparency,
    verifier,
    readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
    execute,
    rehearsal,
    holdMeeting: (input, caller, writeOptions = {}) => execute('meeting', 'HoldMeeting', input, caller, writeOptions),
    today: () => clock().toISOString().slice(0, 10),
    async close() {
      await runner.stop();
      await store.close();
      readModel.close();
    },
  };
}
