import canonicalize from 'canonicalize';
import { jsonEvent, type EventData, type ResolvedEvent } from '@eventstore/db-client';
import { IntegrityError, ValidationError, type FieldIssue } from '../../core/errors.ts';
import type { NewEvent, StoredEvent } from '../../core/event-store.ts';

const UINT64_MAX = (1n << 64n) - 1n;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The store's own stream (its identity), under the prefix but never one of the register's. */
export const IDENTITY_STREAM = 'ccag.store-identity';

/** Stream names as the server sees them, and back. */
export class StreamNaming {
  constructor(readonly prefix: string) {}

  get identityStream(): string {
    return this.prefix + IDENTITY_STREAM;
  }

  toServer(stream: string): string {
    return this.prefix + stream;
  }

  /** Undefined for a stream this store does not show: outside its prefix, or its own identity stream. */
  fromServer(serverStream: string): string | undefined {
    if (!serverStream.startsWith(this.prefix) || serverStream === this.identityStream) return undefined;
    return serverStream.slice(this.prefix.length);
  }
}

/** EventStoreDB's own events: $-streams ($settings, $$metadata, $ce-...) and $-types ($metadata, $>). */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

export function validateNewEvents(stream: string, events: readonly NewEvent[]): void {
  const issues: FieldIssue[] = [];
  if (typeof stream !== 'string' || stream.length === 0) issues.push({ path: ['stream'], message: 'a stream name must not be empty' });
  else if (stream.startsWith('$')) issues.push({ path: ['stream'], message: `${stream} is a system stream name ($...)` });
  else if (stream === IDENTITY_STREAM) issues.push({ path: ['stream'], message: `${stream} is the store's own identity stream` });
  const seen = new Set<string>();
  events.forEach((event, index) => {
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      issues.push({ path: ['events', index, 'id'], message: `event id ${String(event.id)} is not a UUID` });
    } else if (seen.has(event.id.toLowerCase())) {
      issues.push({ path: ['events', index, 'id'], message: `event id ${event.id} appears twice in one append` });
    } else seen.add(event.id.toLowerCase());
    if (typeof event.type !== 'string' || event.type.length === 0) {
      issues.push({ path: ['events', index, 'type'], message: 'an event needs a type' });
    } else if (event.type.startsWith('$')) {
      issues.push({ path: ['events', index, 'type'], message: `${event.type} is a system event type ($...)` });
    }
    if ((JSON.stringify(event.data) as string | undefined) === undefined) {
      issues.push({ path: ['events', index, 'data'], message: 'data must be a JSON value' });
    }
    if (typeof event.metadata !== 'object' || event.metadata === null || Array.isArray(event.metadata)) {
      issues.push({ path: ['events', index, 'metadata'], message: 'metadata must be a JSON object' });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

/** The server's count (Event.SizeOnDisk): data and metadata bytes, and the type as UTF-16. */
export function eventSize(event: NewEvent): number {
  return jsonBytes(event.data) + jsonBytes(event.metadata) + event.type.length * 2;
}

/**
 * EventStoreDB refuses an append whose events together exceed its MaxAppendSize. Refused here
 * first, naming the largest part of the largest event, so the caller learns which field to shorten.
 */
export function checkAppendSize(events: readonly NewEvent[], maxBytes: number): void {
  const sizes = events.map(eventSize);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total <= maxBytes) return;
  const largest = sizes.indexOf(Math.max(...sizes));
  const event = events[largest]!;
  const path: (string | number)[] = ['events', largest, 'data'];
  let fieldBytes = jsonBytes(event.data);
  if (isPlainObject(event.data)) {
    const members = Object.entries(event.data).map(([key, value]) => [key, jsonBytes(value)] as const);
    const [key, bytes] = members.reduce((a, b) => (b[1] > a[1] ? b : a), ['', -1] as const);
    if (bytes >= 0) {
      path.push(key);
      fieldBytes = bytes;
    }
  }
  throw new ValidationError([
    {
      path,
      message: `too large: this append is ${total} bytes, over the ${maxBytes} bytes EventStoreDB accepts in one append (this field is ${fieldBytes} bytes)`,
    },
  ]);
}

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // jsonEvent's types accept objects, arrays and strings; the wire carries any JSON value.
    data: event.data as Record<string, unknown>,
    metadata: event.metadata,
  });
}

/**
 * Undefined for events this store does not show: system events and, with a prefix, other
 * stores' streams. `created` is the server's write time, already a Date (the client converts
 * the .NET ticks on the wire).
 */
export function toStoredEvent(resolved: ResolvedEvent, naming: StreamNaming): StoredEvent | undefined {
  const recorded = resolved.event;
  if (recorded === undefined) return undefined;
  if (isSystemEvent(recorded.streamId, recorded.type)) return undefined;
  const stream = naming.fromServer(recorded.streamId);
  if (stream === undefined) return undefined;
  const where = { stream, revision: Number(recorded.revision) };
  const position = recorded.position;
  // Servers that do not know an event's $all position send 0 or 2^64-1 (the client cannot tell).
  if (position === undefined || position.commit === 0n || position.commit === UINT64_MAX) {
    throw new IntegrityError(
      'EventStoreDB returned an event without its $all position; servers before 22.6 do not, and are not supported',
      where,
    );
  }
  if (!recorded.isJson) {
    throw new IntegrityError(`Event ${recorded.id} is not JSON; this register only writes JSON events`, where);
  }
  const metadata = recorded.metadata;
  return {
    id: recorded.id,
    stream,
    revision: Number(recorded.revision),
    position: { commit: position.commit, prepare: position.prepare },
    type: recorded.type,
    data: recorded.data,
    metadata: isPlainObject(metadata) ? metadata : {},
    recordedAt: recorded.created.toISOString(),
  };
}

/** Same type, data and metadata as JSON values, whatever the key order. */
export function sameContent(stored: StoredEvent, proposed: NewEvent): boolean {
  return (
    stored.type === proposed.type &&
    canonicalJson(stored.data) === canonicalJson(proposed.data) &&
    canonicalJson(stored.metadata) === canonicalJson(proposed.metadata)
  );
}

function canonicalJson(value: unknown): string | undefined {
  // Through JSON first, so `undefined` members compare as they were stored: absent.
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? undefined : canonicalize(JSON.parse(json));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
