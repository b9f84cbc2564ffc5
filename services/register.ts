import { z } from 'zod';
import type { CommandSchemaFactory, ItemKind } from './core/decider.ts';
import type { EventStore } from './core/event-store.ts';
import type { ItemRegistry } from './core/registry.ts';
import type { CommandContext, CommandHandler, CommandResult } from './core/command-handler.ts';
import { IntegrityError, ValidationError, type FieldIssue } from './core/errors.ts';
import { parseInput } from './core/validate.ts';
import { formatPosition } from './core/position.ts';
import { authorizeCommand, type Caller } from './access.ts';
import type { LogVerifier, VerificationReport } from './verification.ts';
import type { Transparency } from './transparency/transparency.ts';
import { itemsEffectiveAt, earliestEffective, type EffectiveCutoff } from '../projections/effective/effective-time.ts';
import { computeEffectiveMovement } from '../projections/effective/effective-movement.ts';
import type { ProjectionRunner, RunnerReport } from '../projections/runner/runner.ts';
import type { AppliedChange } from '../projections/runner/projection.ts';
import type { ReadModel } from '../projections/read-model/read-model.ts';
import { computeMovement, computeMovementInSteps, type Movement } from '../projections/movement/movement.ts';
import type { ItemVersion, RegisterQueries, ResolvedPoint } from '../projections/register/queries.ts';
import type { LogQueries } from '../projections/log-index/queries.ts';
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

/** Reads of items, now or at a point; and the point itself. */
export type ItemReads = Pick<RegisterQueries, 'resolve' | 'item' | 'items' | 'itemsByIds' | 'headSeq' | 'countsByKind'>;

/** Every event of one item, and the log page by page. */
export type LogReads = Pick<LogQueries, 'history' | 'page' | 'firstRecordedAt'>;

/** Reads about the world at an effective date, as known at a point. */
export interface EffectiveReads {
  items(kinds: readonly ItemKind[], seq: number, cutoff: EffectiveCutoff): Map<string, ItemVersion>;
  movement(from: ResolvedPoint & { effective?: EffectiveCutoff }, to: ResolvedPoint & { effective?: EffectiveCutoff }): Movement;
  /** The earliest effective time of anything known at `seq`. */
  earliest(seq: number): string | undefined;
}

/** How far the read model is behind the log and what its runner is doing; and why it stopped, if it did. */
export type RegisterStatus = RunnerReport & { readonly failure: Error | undefined };

/**
 * What the API, the CLI and the samples use of the register: commands in, reads out. The
 * store, the projection runner and the read model's database stay behind it.
 */
export interface Register {
  readonly rules: RegisterRules;
  readonly items: ItemRegistry;
  /** Which store the register runs on, for the start-up banner. */
  readonly storeDescription: string;
  /** Authorizes, parses, decides, appends and waits until the read model shows the write. */
  execute(kind: ItemKind, commandType: string, input: unknown, caller: Caller, options?: WriteOptions): Promise<WriteOutcome>;
  /** Freezes the pack: the register records the log's head and digest as it holds the meeting. */
  holdMeeting(input: { number: number; heldOn: string }, caller: Caller, options?: WriteOptions): Promise<WriteOutcome>;
  /** Judges commands in turn, each against the log plus what the earlier ones would write; writes nothing. */
  rehearsal(): CommandRehearsal;
  readonly itemsAt: ItemReads;
  readonly log: LogReads;
  /** What moved between two points. */
  movement(from: ResolvedPoint, to: ResolvedPoint, options?: { kinds?: readonly ItemKind[] }): Movement;
  /** The same, computed a step at a time, awaiting `pause` between steps so other work can run. */
  movementInSteps(
    from: ResolvedPoint,
    to: ResolvedPoint,
    pause: () => Promise<void>,
    options?: { kinds?: readonly ItemKind[] },
  ): Promise<Movement>;
  /** Checks every hash chain, the Merkle tree and every held meeting's head (incremental, cached per log head). */
  verify(options?: { onProgress?: (checked: number) => void }): Promise<VerificationReport>;
  readonly verifier: LogVerifier;
  /** The log's Merkle tree: signed heads and proofs. */
  readonly transparency: Transparency;
  readonly effective: EffectiveReads;
  /** How far the read model is behind the log, and whether it stopped. */
  status(): Promise<RegisterStatus>;
  /**
   * Changes whenever the read model moves (or is swapped by a rebuild); undefined while it
   * does not follow the log, when nothing read from it may be kept.
   */
  readModelStamp(): string | undefined;
  /** Changes only when a rebuild swaps the read model's database: what was read before is of another log numbering. */
  readModelGeneration(): number;
  /**
   * Tells the register a read failed; a damaged read model (SQLITE_CORRUPT, SQLITE_NOTADB) is
   * then set aside and rebuilt from the log. Returns whether that was the failure.
   */
  readModelDamaged(error: unknown): boolean;
  /** Calls `listener` with each batch the read model applies; returns the unsubscribe. */
  onChanges(listener: (changes: readonly AppliedChange[]) => void): () => void;
  /** The day by the register's clock, ISO. */
  today(): string;
}

/** The parts the composition builds and the facade runs on; tests reach them through tests/support. */
export interface RegisterInternals {
  readonly store: EventStore;
  readonly handler: CommandHandler;
  readonly readModel: ReadModel;
  readonly runner: ProjectionRunner;
  readonly queries: RegisterQueries;
  readonly log: LogQueries;
  readonly clock: () => Date;
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
      // Judged only once it reads as a date-time: the format's own message says more.
      .refine(
        (at) => !isoDateTime.safeParse(at).success || new Date(at).getTime() <= clock().getTime() + FUTURE_TOLERANCE_MS,
        'cannot be in the future',
      )
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
  optionsSchema: ReturnType<typeof writeOptionsSchema>,
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
    parsedOptions = { ...options, ...parseInput(optionsSchema, options, ['options']) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { data, options: parsedOptions };
}

/** The facade over the composed parts. */
export function createRegister(
  parts: RegisterInternals & {
    readonly items: ItemRegistry;
    readonly rules: RegisterRules;
    readonly readYourWritesTimeoutMs: number;
    readonly transparency: Transparency;
    readonly verifier: LogVerifier;
  },
): Register {
  const { transparency, verifier } = parts;
  const { store, handler, readModel, runner, queries, log, items, rules: configRules, clock } = parts;
  const config = { rules: configRules, readYourWritesTimeoutMs: parts.readYourWritesTimeoutMs };
  // Building a zod schema costs ~100 us, parsing with a built one a few: each is built once per register.
  const optionsSchema = writeOptionsSchema(clock, configRules);
  const commandSchemas = new Map<CommandSchemaFactory, z.ZodType>();
  const commandSchemaOf = (factory: CommandSchemaFactory) => {
    let schema = commandSchemas.get(factory);
    if (schema === undefined) {
      schema = factory(configRules);
      commandSchemas.set(factory, schema);
    }
    return schema;
  };
  const services = {
    viewsOf: (kind: ItemKind) => queries.items(kind).map((item) => item.view),
    streamExists: async (stream: string) => (await store.readStream(stream, { direction: 'backwards', maxCount: 1 })).length > 0,
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
    const { data: parsed, options: writeOptions } = parseCommand(commandSchemaOf(factory), input, givenOptions, optionsSchema);
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
    await runner.waitForWrite(
      { ...result, lastEventId: result.replayed ? undefined : result.events.at(-1)?.id },
      config.readYourWritesTimeoutMs,
    );
    return {
      result,
      item: queries.item(result.itemId),
      position: result.position ? formatPosition(result.position) : null,
    };
  }

  // A rehearsed hold freezes nothing: the digest is computed when the meeting is really held.
  const zeros = (n: number) => '0'.repeat(n);
  const rehearsedDigest: typeof services.logDigest = async () => ({
    boundaryPosition: '0',
    digest: zeros(64),
    treeHead: { treeSize: 0, rootHash: zeros(64), timestamp: clock().toISOString(), keyId: zeros(64), signature: zeros(128) },
  });

  function rehearsal(): CommandRehearsal {
    const rehearsed = handler.rehearsal();
    // Items the rows before would create count as existing; the read model does not show them.
    const rehearsedServices: typeof services = {
      ...services,
      logDigest: rehearsedDigest,
      streamExists: async (stream) => rehearsed.holds(stream) || (await services.streamExists(stream)),
    };
    return {
      async check(kind, commandType, input, caller, givenOptions = {}) {
        const { module, command, context } = await prepare(
          kind,
          commandType,
          input,
          caller,
          givenOptions,
          rehearsed.holds,
          rehearsedServices,
        );
        return rehearsed.decide(module, command, context);
      },
    };
  }

  const generations = new WeakMap<object, number>();
  let nextGeneration = 0;
  const generationOf = (db: object) => {
    let generation = generations.get(db);
    if (generation === undefined) {
      generation = ++nextGeneration;
      generations.set(db, generation);
    }
    return generation;
  };

  return {
    rules: configRules,
    items,
    storeDescription: store.description,
    execute,
    rehearsal,
    holdMeeting: (input, caller, writeOptions = {}) => execute('meeting', 'HoldMeeting', input, caller, writeOptions),
    itemsAt: queries,
    log,
    movement: (from, to, options = {}) => computeMovement(readModel.db, queries, items, from, to, options),
    movementInSteps: (from, to, pause, options = {}) => computeMovementInSteps(readModel.db, queries, items, from, to, pause, options),
    verify: (options = {}) => verifier.verify(options),
    verifier,
    transparency,
    effective: {
      items: (kinds, seq, cutoff) => itemsEffectiveAt(readModel.db, items, kinds, seq, cutoff),
      movement: (from, to) => computeEffectiveMovement(readModel.db, items, from, to),
      earliest: (seq) => earliestEffective(readModel.db, seq),
    },
    async status() {
      const failure = runner.error;
      return { ...(await runner.report()), failure };
    },
    readModelStamp() {
      if (!runner.running) return undefined;
      const checkpoint = runner.checkpoint;
      return `${generationOf(readModel.db)}@${checkpoint ? formatPosition(checkpoint) : ''}`;
    },
    readModelGeneration: () => generationOf(readModel.db),
    readModelDamaged: (error) => runner.reportDamage(error),
    onChanges: (listener) => runner.onChanges(listener),
    today: () => clock().toISOString().slice(0, 10),
  };
}
