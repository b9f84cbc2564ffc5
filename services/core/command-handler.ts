import { v5 as uuidV5, v7 as uuidV7 } from 'uuid';
import type { DomainCommand, DomainEvent, ItemModule } from './decider.ts';
import type { AppendResult, EventStore, NewEvent } from './event-store.ts';
import type { EventCatalogue } from './catalogue.ts';
import type { Position } from './position.ts';
import { ConcurrencyError, IdempotencyConflictError, IntegrityError, ValidationError } from './errors.ts';
import { canonicalHash, eventHash } from './hash-chain.ts';
import { loneSurrogateIssues } from './lone-surrogates.ts';
import type { EventMetadata } from '../../schema/metadata.ts';

/** Who asks, why, and on what terms. The actor comes from the caller's identity, never from input. */
export interface CommandContext {
  readonly actor: string;
  readonly reason?: string | null | undefined;
  /** When it happened in the world; defaults to now. Back-filled history sets it in the past. */
  readonly effectiveAt?: string | undefined;
  readonly correlationId?: string | undefined;
  readonly causationId?: string | null | undefined;
  /** The item version the caller saw (0: it did not exist). A mismatch is a CONFLICT. */
  readonly expectedVersion?: number | undefined;
  /** Event ids are derived from it, so a retried command writes nothing new. */
  readonly idempotencyKey?: string | undefined;
}

export interface WrittenEvent {
  readonly id: string;
  readonly type: string;
  readonly revision: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface CommandResult {
  readonly stream: string;
  readonly itemId: string;
  /** Number of events the item has after the command. */
  readonly version: number;
  /** Position of the last event written, or of the item's last event when nothing was written. */
  readonly position: Position | undefined;
  /** What this command wrote (empty when it changed nothing or was a retry). */
  readonly events: readonly WrittenEvent[];
  /** True when an idempotency key matched an earlier, identical command. */
  readonly replayed: boolean;
}

/** Commands judged in turn against the log and each other, writing nothing. */
export interface Rehearsal {
  /** Throws as `handle` would; otherwise says whether the command is a retry and how many events it would write. */
  decide<C extends DomainCommand, E extends DomainEvent, S>(
    module: ItemModule<C, E, S, Record<string, unknown>>,
    command: C,
    context: CommandContext,
  ): Promise<{ readonly replayed: boolean; readonly events: number }>;
  /** True when a rehearsed command created or changed `itemId`. */
  holds(itemId: string): boolean;
}

/**
 * The ids events get unless a caller brings its own. Time-ordered (UUIDv7) ids land at the end
 * of the log's id index instead of on a random page of it, so a group commit writes (and syncs)
 * about 40% fewer pages.
 */
export const newEventId: () => string = uuidV7;

export interface CommandHandlerDeps {
  readonly store: EventStore;
  readonly catalogue: EventCatalogue;
  readonly clock: () => Date;
  readonly newId: () => string;
}

/** An event written under an idempotency key: enough to answer a retry with the first result. */
interface KeyedEvent {
  readonly commandHash: string | null;
  readonly itemVersionAfter: number;
  readonly position: Position;
}

/** A stream folded up to `revision` (-1: no events yet). */
interface StreamSnapshot {
  readonly revision: number;
  readonly state: unknown;
  readonly lastHash: string | null;
  readonly itemVersions: ReadonlyMap<string, number>;
  readonly itemPositions: ReadonlyMap<string, Position>;
  readonly keyed: Map<string, KeyedEvent>;
}

/** Streams kept folded in memory, least recently used dropped first. */
const SNAPSHOT_LIMIT = 5000;

/** Namespace for event ids derived from idempotency keys (UUID v5). */
const IDEMPOTENCY_NAMESPACE = '6f1f6c1e-2b1a-4c55-9d8e-5a0c7e0b9f11';

export type CommandHandler = ReturnType<typeof createCommandHandler>;

/**
 * Load the stream, fold, decide, append at the loaded revision. Nothing is written when
 * the command is rejected, and a concurrent write is reported as a CONFLICT, never merged.
 */
export function createCommandHandler(deps: CommandHandlerDeps) {
  const { store, catalogue, clock, newId } = deps;
  const snapshots = new Map<string, StreamSnapshot>();
  /** The last command of each stream still between its load and its append. */
  const inFlight = new Map<string, Promise<unknown>>();

  /**
   * Commands to one stream run one after another in this process. The store commits appends
   * made in one turn of the event loop together, so two commands to one stream decided in that
   * turn would both load the same revision and the second would fail as a CONFLICT the caller
   * never risked; queued, the second is decided against the first's events (and still conflicts
   * when it named an expected version the first moved past).
   */
  async function oneAtATime<T>(stream: string, work: () => Promise<T>): Promise<T> {
    const running = (inFlight.get(stream) ?? Promise.resolve()).then(work);
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    inFlight.set(stream, settled);
    try {
      return await running;
    } finally {
      if (inFlight.get(stream) === settled) inFlight.delete(stream);
    }
  }

  /**
   * The stream folded up to its last event. Streams only grow, so a kept snapshot needs only
   * the events after it: a command costs what changed since, not the stream's whole history.
   * Events written by anyone else (another API node, the CLI) are read like any others.
   */
  async function load<E extends DomainEvent, S>(
    module: ItemModule<DomainCommand, E, S, Record<string, unknown>>,
    stream: string,
  ): Promise<StreamSnapshot> {
    const kept = snapshots.get(stream);
    const fromRevision = kept ? kept.revision + 1 : 0;
    const fresh = await store.readStream(stream, { fromRevision });
    let state = (kept ? kept.state : module.decider.initialState()) as S;
    let { revision, lastHash } = kept ?? { revision: -1, lastHash: null };
    const itemVersions = new Map(kept?.itemVersions);
    const itemPositions = new Map(kept?.itemPositions);
    const keyed: [string, KeyedEvent][] = [];
    for (const event of fresh) {
      const decoded = catalogue.decode(event);
      if (!decoded) {
        throw new IntegrityError(
          `${stream} holds a ${event.type} event this version of the register does not know; upgrade before writing to it`,
          { stream, revision: event.revision },
        );
      }
      const domainEvent = { type: decoded.type, data: decoded.data } as E;
      state = module.decider.evolve(state, domainEvent);
      const eventItem = module.itemIdOf(stream, domainEvent);
      const version = (itemVersions.get(eventItem) ?? 0) + 1;
      itemVersions.set(eventItem, version);
      itemPositions.set(eventItem, event.position);
      if (decoded.metadata.idempotencyKey !== null) {
        keyed.push([event.id, { commandHash: decoded.metadata.commandHash, itemVersionAfter: version, position: event.position }]);
      }
      lastHash = decoded.metadata.hash;
      revision = event.revision;
    }
    // Only a fully folded read reaches the kept snapshot.
    const keyedEvents = kept?.keyed ?? new Map<string, KeyedEvent>();
    for (const [id, entry] of keyed) keyedEvents.set(id, entry);
    const snapshot: StreamSnapshot = { revision, state, lastHash, itemVersions, itemPositions, keyed: keyedEvents };
    snapshots.delete(stream);
    snapshots.set(stream, snapshot);
    if (snapshots.size > SNAPSHOT_LIMIT) snapshots.delete(snapshots.keys().next().value!);
    return snapshot;
  }

  /**
   * The kept snapshot of `stream` with a command's own event folded in, as reading it back
   * would fold it: the next command on the stream then reads only what others wrote since
   * (it read back and decoded its predecessor's event, 1.8 events a command under load). Only
   * a single event the store placed right after the loaded revision is taken in: its position
   * is the append's; anything else is left to the next read.
   */
  function keepWritten<E extends DomainEvent, S>(
    module: ItemModule<DomainCommand, E, S, Record<string, unknown>>,
    stream: string,
    snapshot: StreamSnapshot,
    written: readonly WrittenEvent[],
    result: AppendResult,
  ): void {
    const [stored] = written;
    if (written.length !== 1 || !stored || Number(result.nextExpectedRevision) !== snapshot.revision + 1) return;
    if (snapshots.get(stream) !== snapshot) return;
    const event = { type: stored.type, data: stored.data } as E;
    const eventItem = module.itemIdOf(stream, event);
    const version = (snapshot.itemVersions.get(eventItem) ?? 0) + 1;
    const itemVersions = new Map(snapshot.itemVersions).set(eventItem, version);
    const itemPositions = new Map(snapshot.itemPositions).set(eventItem, result.position);
    if (stored.metadata.idempotencyKey !== null) {
      snapshot.keyed.set(stored.id, { commandHash: stored.metadata.commandHash, itemVersionAfter: version, position: result.position });
    }
    const state = module.decider.evolve(snapshot.state as S, event);
    // The most recently used goes last.
    snapshots.delete(stream);
    snapshots.set(stream, {
      revision: stored.revision,
      state,
      lastHash: stored.metadata.hash,
      itemVersions,
      itemPositions,
      keyed: snapshot.keyed,
    });
  }

  /** What a command would do to a folded stream: a retry's first result, or the events it decides. */
  function judge<C extends DomainCommand, E extends DomainEvent, S>(
    module: ItemModule<C, E, S, Record<string, unknown>>,
    command: C,
    context: CommandContext,
    snapshot: StreamSnapshot,
  ) {
    const stream = module.streamOf(command);
    const itemId = module.itemIdOfCommand ? module.itemIdOfCommand(command) : stream;
    const unencodable = [
      ...loneSurrogateIssues(command.data, ['input']),
      ...loneSurrogateIssues(context.reason ?? null, ['options', 'reason']),
      ...loneSurrogateIssues(context.idempotencyKey ?? null, ['options', 'idempotencyKey']),
      ...loneSurrogateIssues(context.actor, ['actor']),
    ];
    if (unencodable.length > 0) throw new ValidationError(unencodable);
    const commandHash = commandHashOf(command);
    const itemVersion = snapshot.itemVersions.get(itemId) ?? 0;

    const derivedIds =
      context.idempotencyKey === undefined
        ? undefined
        : (i: number) => uuidV5(`${stream}\n${context.idempotencyKey}\n${i}`, IDEMPOTENCY_NAMESPACE);
    const base = { stream, itemId, commandHash, itemVersion, derivedIds };
    if (derivedIds) {
      const first = snapshot.keyed.get(derivedIds(0));
      if (first) {
        if (first.commandHash !== commandHash && first.commandHash !== legacyCommandHashOf(command, context.actor)) {
          throw new IdempotencyConflictError(
            context.idempotencyKey!,
            `idempotency key ${context.idempotencyKey} was already used for a different command`,
          );
        }
        let last = first;
        for (let i = 1; ; i++) {
          const next = snapshot.keyed.get(derivedIds(i));
          if (!next) break;
          last = next;
        }
        const replay: CommandResult = {
          stream,
          itemId,
          version: last.itemVersionAfter,
          position: last.position,
          events: [],
          replayed: true,
        };
        return { ...base, replay, decided: [] as E[] };
      }
    }

    if (context.expectedVersion !== undefined && context.expectedVersion !== itemVersion) {
      throw new ConcurrencyError(itemId, String(context.expectedVersion), String(itemVersion));
    }
    return { ...base, replay: undefined, decided: module.decider.decide(command, snapshot.state as S) };
  }

  async function handle<C extends DomainCommand, E extends DomainEvent, S>(
    module: ItemModule<C, E, S, Record<string, unknown>>,
    command: C,
    context: CommandContext,
  ): Promise<CommandResult> {
    const effectiveAt = resolveEffectiveAt(context.effectiveAt, clock());
    return oneAtATime(module.streamOf(command), () => decideAndAppend(module, command, context, effectiveAt));
  }

  /**
   * Decides on the stream as this handler last left it, without reading it first: reading a
   * stream just written to costs a read transaction's locks (20-45 µs, as much as the rest of
   * loading). Another writer (another API node, the CLI) may have appended since; any append
   * moves the stream's revision, so the store then refuses this one at the kept revision, and
   * the command is decided again on the stream read afresh, as it always was. A refusal or a
   * "nothing to change" is never answered from the kept state alone: those are judged again on
   * the stream read afresh too, so no command is refused or dropped for a state since moved on.
   */
  async function decideAndAppend<C extends DomainCommand, E extends DomainEvent, S>(
    module: ItemModule<C, E, S, Record<string, unknown>>,
    command: C,
    context: CommandContext,
    effectiveAt: string,
  ): Promise<CommandResult> {
    const kept = snapshots.get(module.streamOf(command));
    if (kept) {
      try {
        const written = await decideAndAppendOn(module, command, context, effectiveAt, kept, true);
        if (written) return written;
      } catch (error) {
        // The store checks a keyed event's id before the revision: a retry another writer
        // stored under the same key is refused as written with other content.
        if (!(error instanceof ConcurrencyError) && !(error instanceof IdempotencyConflictError)) throw error;
      }
    }
    const snapshot = await load(module, module.streamOf(command));
    return (await decideAndAppendOn(module, command, context, effectiveAt, snapshot, false))!;
  }

  /**
   * As decideAndAppend, on `snapshot`. `onKept` (the kept snapshot, not read afresh): a refusal,
   * a "nothing to change" or the store's refusal of the revision leave the answer to the stream
   * read afresh (undefined, or the store's refusal).
   */
  async function decideAndAppendOn<C extends DomainCommand, E extends DomainEvent, S>(
    module: ItemModule<C, E, S, Record<string, unknown>>,
    command: C,
    context: CommandContext,
    effectiveAt: string,
    snapshot: StreamSnapshot,
    onKept: boolean,
  ): Promise<CommandResult | undefined> {
    let judged: ReturnType<typeof judge<C, E, S>>;
    try {
      judged = judge(module, command, context, snapshot);
    } catch (error) {
      if (onKept) return undefined;
      throw error;
    }
    const { stream, itemId, commandHash, itemVersion, derivedIds, replay, decided } = judged;
    // An event under this key is in the log whatever was written since: its result stands.
    if (replay) return replay;
    const loadedRevision = snapshot.revision < 0 ? 'no_stream' : snapshot.revision;
    if (decided.length === 0) {
      if (onKept) return undefined;
      return { stream, itemId, version: itemVersion, position: snapshot.itemPositions.get(itemId), events: [], replayed: false };
    }

    const correlationId = context.correlationId ?? newId();
    let chainHash = snapshot.lastHash;
    const written: WrittenEvent[] = [];
    const toAppend: NewEvent[] = decided.map((event, i) => {
      const data = JSON.parse(JSON.stringify(catalogue.validateNew(event.type, event.data))) as unknown;
      const id = derivedIds ? derivedIds(i) : newId();
      const revision = snapshot.revision + 1 + i;
      const unsigned = {
        actor: context.actor,
        reason: context.reason ?? null,
        effectiveAt,
        correlationId,
        causationId: context.causationId ?? null,
        schemaVersion: catalogue.currentVersion(event.type),
        idempotencyKey: context.idempotencyKey ?? null,
        commandHash,
        prevHash: chainHash,
      };
      const hash = eventHash({ stream, revision, id, type: event.type, data, metadata: unsigned });
      const metadata: EventMetadata = { ...unsigned, hash };
      chainHash = hash;
      written.push({ id, type: event.type, revision, data, metadata });
      return { id, type: event.type, data, metadata: { ...metadata } };
    });

    let result;
    try {
      result = await store.append(stream, toAppend, loadedRevision);
    } catch (error) {
      // On the kept snapshot the store's refusal sends the command to the stream read afresh.
      if (!(error instanceof ConcurrencyError) || onKept) throw error;
      // Report the race in item versions, as the caller counts them, not stream revisions.
      const now = await load(module, stream);
      throw new ConcurrencyError(itemId, String(itemVersion), String(now.itemVersions.get(itemId) ?? 0));
    }
    keepWritten(module, stream, snapshot, written, result);
    const newItemEvents = decided.filter((e) => module.itemIdOf(stream, e) === itemId).length;
    return {
      stream,
      itemId,
      version: itemVersion + newItemEvents,
      position: result.position,
      events: written,
      replayed: false,
    };
  }

  /**
   * Decides commands one after another as `handle` would, each against the log plus what the
   * commands before it would write, and writes nothing: a batch is judged whole before any of it is stored.
   */
  function rehearsal(): Rehearsal {
    const overlay = new Map<string, StreamSnapshot>();
    return {
      async decide<C extends DomainCommand, E extends DomainEvent, S>(
        module: ItemModule<C, E, S, Record<string, unknown>>,
        command: C,
        context: CommandContext,
      ) {
        resolveEffectiveAt(context.effectiveAt, clock());
        const stream = module.streamOf(command);
        const snapshot = overlay.get(stream) ?? (await load(module, stream));
        const { commandHash, itemVersion, derivedIds, replay, decided } = judge(module, command, context, snapshot);
        if (replay) return { replayed: true, events: 0 };
        for (const event of decided) catalogue.validateNew(event.type, event.data);
        if (decided.length === 0) return { replayed: false, events: 0 };
        const itemVersions = new Map(snapshot.itemVersions);
        const keyed = new Map(snapshot.keyed);
        let state = snapshot.state as S;
        decided.forEach((event, i) => {
          state = module.decider.evolve(state, event);
          const eventItem = module.itemIdOf(stream, event);
          itemVersions.set(eventItem, (itemVersions.get(eventItem) ?? 0) + 1);
          // Not stored yet, so no position: a rehearsed retry answers only "replayed".
          if (derivedIds) keyed.set(derivedIds(i), { commandHash, itemVersionAfter: itemVersion, position: { commit: 0n, prepare: 0n } });
        });
        overlay.set(stream, { ...snapshot, revision: snapshot.revision + decided.length, state, itemVersions, keyed });
        return { replayed: false, events: decided.length };
      },
      holds: (itemId) => [...overlay.values()].some((snapshot) => (snapshot.itemVersions.get(itemId) ?? 0) > 0),
    };
  }

  return { handle, rehearsal };
}

/**
 * What an idempotency key promises: the same command. Who sends it is not part of it, so a
 * file imported again by someone else (another token of the same role) writes nothing new;
 * the events still record the actor of the run that wrote them.
 */
export function commandHashOf(command: { readonly type: string; readonly data: unknown }): string {
  return canonicalHash({ type: command.type, data: command.data });
}

/** Events written before the actor left the hash carry this one; a retry by the same actor still matches them. */
function legacyCommandHashOf(command: { readonly type: string; readonly data: unknown }, actor: string): string {
  return canonicalHash({ type: command.type, data: command.data, actor });
}

/** The application service has judged the effective time (ISO-8601 with an offset, not in the future). */
function resolveEffectiveAt(given: string | undefined, now: Date): string {
  return given === undefined ? now.toISOString() : new Date(given).toISOString();
}
