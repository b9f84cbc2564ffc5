import canonicalize from 'canonicalize';
import { IdempotencyConflictError, ValidationError, type FieldIssue } from '../../core/errors.ts';
import type { AppendResult, ExpectedRevision, NewEvent } from '../../core/event-store.ts';
import { positionOf } from '../../core/position.ts';

/** An event to append, with data and metadata already in the JSON text the table stores. */
export interface EncodedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** An event already in the log, as the idempotency check needs it. */
export interface WrittenEvent {
  readonly position: bigint;
  readonly stream: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

export function encodeEvents(events: readonly NewEvent[]): EncodedEvent[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const encoded = events.map((event, index) => {
    const at = (field: string) => ['events', index, field];
    if (typeof event.id !== 'string' || event.id.length === 0) {
      issues.push({ path: at('id'), message: 'an event needs a non-empty id' });
    } else if (seen.has(event.id)) {
      issues.push({ path: at('id'), message: `event id ${event.id} appears twice in one append` });
    }
    seen.add(event.id);
    if (typeof event.type !== 'string' || event.type.length === 0) {
      issues.push({ path: at('type'), message: 'an event needs a non-empty type' });
    }
    const data = JSON.stringify(event.data) as string | undefined;
    if (data === undefined) issues.push({ path: at('data'), message: 'data must be a JSON value' });
    if (typeof event.metadata !== 'object' || event.metadata === null || Array.isArray(event.metadata)) {
      issues.push({ path: at('metadata'), message: 'metadata must be a JSON object' });
    }
    return { id: event.id, type: event.type, data: data ?? 'null', metadata: JSON.stringify(event.metadata) };
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return encoded;
}

/** Same JSON value, whatever the key order each was written in. */
function sameJson(a: string, b: string): boolean {
  return a === b || canonicalize(JSON.parse(a)) === canonicalize(JSON.parse(b));
}

/**
 * EventStoreDB's idempotency rule. `existing[i]` is what the log holds under the id of
 * `events[i]`. A batch whose ids all sit in this stream at exactly the revisions this
 * append would give them, with the same content, was written before: the original result
 * is returned (undefined means none of the ids is in the log: a new write). Anything else
 * that re-uses an id is a conflict, never a silent second copy.
 */
export function matchEarlierWrite(
  stream: string,
  events: readonly EncodedEvent[],
  existing: readonly (WrittenEvent | undefined)[],
  expected: ExpectedRevision,
): AppendResult | undefined {
  const first = existing[0];
  if (first === undefined) {
    const reused = existing.findIndex((row) => row !== undefined);
    if (reused === -1) return undefined;
    const id = events[reused]!.id;
    throw new IdempotencyConflictError(id, `Event ${id} was already written, but the events before it in this append were not`);
  }
  const firstRevision = expected === 'no_stream' ? 0 : expected === 'any' ? Number(first.revision) : expected + 1;
  events.forEach((event, index) => {
    const row = existing[index];
    if (row === undefined) {
      throw new IdempotencyConflictError(
        event.id,
        `Event ${events[0]!.id} was already written, but ${event.id} of the same append was not`,
      );
    }
    const revision = firstRevision + index;
    if (row.stream !== stream || Number(row.revision) !== revision) {
      throw new IdempotencyConflictError(
        event.id,
        `Event ${event.id} was already written to ${row.stream} at revision ${row.revision}, not to ${stream} at revision ${revision}`,
      );
    }
    if (row.type !== event.type || !sameJson(row.data, event.data) || !sameJson(row.metadata, event.metadata)) {
      throw new IdempotencyConflictError(event.id, `Event ${event.id} was already written with different content`);
    }
  });
  const last = existing.at(-1)!;
  return { nextExpectedRevision: Number(last.revision), position: positionOf(last.position) };
}
