import { v5 as uuidV5 } from 'uuid';
import type { DomainCommand, DomainEvent, ItemModule } from './decider.ts';
import type { EventStore, NewEvent } from './event-store.ts';
import type { EventCatalogue } from './catalogue.ts';
import type { Position } from './position.ts';
import { ConcurrencyError, IdempotencyConflictError, IntegrityError, ValidationError } from './errors.ts';
import { canonicalHash, eventHash } from './hash-chain.ts';
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

export interface CommandHandlerDeps {
  readonly store: EventStore;
  readonly catalogue: EventCatalogue;
  readonly clock: () => Date;
  readonly newId: () => string;
}

/** Namespace for event ids derived from idempotency keys (UUID v5). */
const IDEMPOTENCY_NAMESPACE = '6f1f6c1e-2b1a-4c55-9d8e-5a0c7e0b9f11';
/** Clocks drift; an effective time this far ahead of ours is a mistake, not drift. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export type CommandHandler = ReturnType<typeof createCommandHandler>;

/**
 * Load the stream, fold, decide, append at the loaded revision. Nothing is written when
 * the command is rejected, and a concurrent write is reported as a CONFLICT, never merged.
 */
export function createCommandHandler(deps: CommandHandlerDeps) {
  const { store, catalogue, clock, newId } = deps;

  async function handle<C extends DomainCommand, E extends DomainEvent, S>(
    module: ItemModule<C, E, S, Record<string, unknown>>,
    command: C,
    context: CommandContext,
  ): Promise<CommandResult> {
    const stream = module.streamOf(command);
    const itemId = module.itemIdOfCommand ? module.itemIdOfCommand(command) : stream;
    const effectiveAt = resolveEffectiveAt(context.effectiveAt, clock());
    const commandHash = canonicalHash({ type: command.type, data: command.data, actor: context.actor });

    const stored = await store.readStream(stream);
    let state = module.decider.initialState();
    let itemVersion = 0;
    let lastHash: string | null = null;
    let lastItemPosition: Position | undefined;
    for (const event of stored) {
      const decoded = catalogue.decode(event);
      if (!decoded) {
        throw new IntegrityError(
          `${stream} holds a ${event.type} event this version of the register does not know; upgrade before writing to it`,
          { stream, revision: event.revision },
        );
      }
      const domainEvent = { type: decoded.type, data: decoded.data } as E;
      state = module.decider.evolve(state, domainEvent);
      lastHash = decoded.metadata.hash;
      if (module.itemIdOf(stream, domainEvent) === itemId) {
        itemVersion++;
        lastItemPosition = event.position;
      }
    }
    const loadedRevision = stored.length === 0 ? 'no_stream' : stored.length - 1;

    const derivedIds = context.idempotencyKey === undefined ? undefined : (i: number) =>
      uuidV5(`${stream}\n${context.idempotencyKey}\n${i}`, IDEMPOTENCY_NAMESPACE);
    if (derivedIds) {
      const replay = findEarlierResult(stored, derivedIds(0), commandHash, context.idempotencyKey!);
      if (replay) {
        const through = stored.slice(0, replay.lastIndex + 1);
        const version = through.filter((e) => module.itemIdOf(stream, { type: e.type, data: e.data } as E) === itemId).length;
        return { stream, itemId, version, position: replay.position, events: [], replayed: true };
      }
    }

    if (context.expectedVersion !== undefined && context.expectedVersion !== itemVersion) {
      throw new ConcurrencyError(itemId, String(context.expectedVersion), String(itemVersion));
    }

    const decided = module.decider.decide(command, state);
    if (decided.length === 0) {
      return { stream, itemId, version: itemVersion, position: lastItemPosition, events: [], replayed: false };
    }

    const correlationId = context.correlationId ?? newId();
    const written: WrittenEvent[] = [];
    const toAppend: NewEvent[] = decided.map((event, i) => {
      const data = JSON.parse(JSON.stringify(catalogue.validateNew(event.type, event.data))) as unknown;
      const id = derivedIds ? derivedIds(i) : newId();
      const revision = stored.length + i;
      const unsigned = {
        actor: context.actor,
        reason: context.reason ?? null,
        effectiveAt,
        correlationId,
        causationId: context.causationId ?? null,
        schemaVersion: catalogue.currentVersion(event.type),
        idempotencyKey: context.idempotencyKey ?? null,
        commandHash,
        prevHash: lastHash,
      };
      const hash = eventHash({ stream, revision, id, type: event.type, data, metadata: unsigned });
      const metadata: EventMetadata = { ...unsigned, hash };
      lastHash = hash;
      written.push({ id, type: event.type, revision, data, metadata });
      return { id, type: event.type, data, metadata: { ...metadata } };
    });

    let result;
    try {
      result = await store.append(stream, toAppend, loadedRevision);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      // Report the race in item versions, as the caller counts them, not stream revisions.
      const now = await store.readStream(stream);
      const actual = now.filter((e) => module.itemIdOf(stream, { type: e.type, data: e.data } as E) === itemId).length;
      throw new ConcurrencyError(itemId, String(itemVersion), String(actual));
    }
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

  return { handle };
}

function resolveEffectiveAt(given: string | undefined, now: Date): string {
  if (given === undefined) return now.toISOString();
  const at = new Date(given);
  if (Number.isNaN(at.getTime())) {
    throw new ValidationError([{ path: ['effectiveAt'], message: 'must be an ISO-8601 date-time' }]);
  }
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new ValidationError([{ path: ['effectiveAt'], message: 'cannot be in the future' }]);
  }
  return at.toISOString();
}

function findEarlierResult(
  stored: Awaited<ReturnType<EventStore['readStream']>>,
  firstId: string,
  commandHash: string,
  key: string,
): { lastIndex: number; position: Position } | undefined {
  const first = stored.findIndex((e) => e.id === firstId);
  if (first < 0) return undefined;
  const earlierHash = stored[first]!.metadata['commandHash'];
  if (earlierHash !== commandHash) {
    throw new IdempotencyConflictError(key, `idempotency key ${key} was already used for a different command`);
  }
  let lastIndex = first;
  while (lastIndex + 1 < stored.length && stored[lastIndex + 1]!.metadata['commandHash'] === commandHash &&
    stored[lastIndex + 1]!.metadata['idempotencyKey'] === key) {
    lastIndex++;
  }
  return { lastIndex, position: stored[lastIndex]!.position };
}
