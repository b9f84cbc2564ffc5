/**
 * The stand-in's storage: one in-memory transaction log with per-stream indexes, following
 * the append rules EventStoreDB documents (expected-revision checks, idempotent re-sends
 * by event id) so the adapter meets the same answers it would get from a real server.
 */

export interface LogRecord {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server puts in the `created` metadata. */
  readonly createdTicks: bigint;
  /**
   * Byte offset of the record in the log; used as both commit and prepare position. It grows
   * by the record's size, so positions are sparse, as on a real server.
   */
  readonly position: bigint;
  /** When the stand-in wrote it, on this process's clock (for lagging reads). */
  readonly writtenAtMs: number;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export type ExpectedState =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export type AppendOutcome =
  | {
      readonly kind: 'written' | 'idempotent';
      /** Undefined only when nothing was proposed to a stream that does not exist. */
      readonly currentRevision: bigint | undefined;
      readonly position: bigint | undefined;
    }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: bigint | undefined };

/** Where real servers start user data: the first records of a fresh database are its own. */
const FIRST_POSITION = 4_096n;
const RECORD_HEADER_BYTES = 90n;
const TICKS_PER_MS = 10_000n;

const utf8Length = (s: string) => BigInt(Buffer.byteLength(s, 'utf8'));

export class InMemoryLog {
  private readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private nextPosition = FIRST_POSITION;
  private lastCreatedTicks = 0n;
  private lastClock = 0;
  private readonly listeners = new Set<() => void>();
  /** Soft-deleted streams: revisions below this are hidden from stream reads (as $tb does). */
  private readonly truncatedBefore = new Map<string, number>();

  /** `serverNowMs` is the server's clock, which fault modes may set apart from this process's. */
  constructor(private readonly serverNowMs: () => number = Date.now) {}

  /** Whether a $all read may start at `position`: the start, a record's position, or the end. */
  isReadablePosition(position: bigint): boolean {
    if (position === 0n || position >= this.nextPosition) return true;
    const index = this.indexAtOrAfter(position);
    return this.records[index]?.position === position;
  }

  /**
   * A soft delete (DeleteStream): stream reads answer "not found", $all keeps the events until a
   * scavenge, and a later append continues the old revisions.
   */
  softDelete(stream: string): void {
    this.truncatedBefore.set(stream, this.streams.get(stream)?.length ?? 0);
  }

  /** A stream's records as stream reads show them (without those a soft delete hid). */
  visibleStreamRecords(stream: string): readonly LogRecord[] {
    const all = this.streamRecords(stream);
    const from = this.truncatedBefore.get(stream) ?? 0;
    return from === 0 ? all : all.slice(from);
  }

  get length(): number {
    return this.records.length;
  }

  recordAt(index: number): LogRecord | undefined {
    return this.records[index];
  }

  streamRecords(stream: string): readonly LogRecord[] {
    return this.streams.get(stream) ?? [];
  }

  /** Index of the first record strictly after `position` in log order. */
  indexAfter(position: bigint): number {
    return this.firstIndexWhere((r) => r.position > position);
  }

  /** Index of the first record at or after `position`. */
  indexAtOrAfter(position: bigint): number {
    return this.firstIndexWhere((r) => r.position >= position);
  }

  /** Calls `listener` after every successful write; returns the unsubscribe function. */
  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(stream: string, expected: ExpectedState, events: readonly ProposedEvent[]): AppendOutcome {
    const existing = this.streams.get(stream) ?? [];
    const deletedAndEmpty = this.truncatedBefore.get(stream) === existing.length && existing.length > 0;
    const current = existing.length === 0 || deletedAndEmpty ? undefined : BigInt(existing.length - 1);
    // A soft-deleted stream accepts no_stream, and continues its revisions.
    const decision =
      deletedAndEmpty && expected.kind === 'no_stream' ? { kind: 'write' as const } : this.check(existing, current, expected, events);
    if (decision.kind !== 'write') return decision;
    if (events.length === 0) return { kind: 'written', currentRevision: current, position: undefined };

    const written: LogRecord[] = [];
    for (const [i, event] of events.entries()) {
      const record: LogRecord = {
        stream,
        revision: BigInt(existing.length + i),
        id: event.id,
        type: event.type,
        contentType: event.contentType,
        data: event.data,
        customMetadata: event.customMetadata,
        createdTicks: this.nextCreatedTicks(),
        position: this.nextPosition,
        writtenAtMs: Date.now(),
      };
      this.nextPosition +=
        RECORD_HEADER_BYTES + utf8Length(stream) + utf8Length(event.type) + BigInt(event.data.length + event.customMetadata.length);
      written.push(record);
    }
    existing.push(...written);
    this.streams.set(stream, existing);
    this.records.push(...written);
    const last = written[written.length - 1]!;
    for (const listener of [...this.listeners]) listener();
    return { kind: 'written', currentRevision: last.revision, position: last.position };
  }

  private check(
    existing: readonly LogRecord[],
    current: bigint | undefined,
    expected: ExpectedState,
    events: readonly ProposedEvent[],
  ): AppendOutcome | { kind: 'write' } {
    const wrong = { kind: 'wrong_expected_version', currentRevision: current } as const;
    switch (expected.kind) {
      case 'any':
        return this.idempotentAnywhere(existing, events) ?? { kind: 'write' };
      case 'stream_exists':
        if (current === undefined) return wrong;
        return this.idempotentAnywhere(existing, events) ?? { kind: 'write' };
      case 'no_stream':
        return this.checkAtRevision(existing, current, -1n, events) ?? { kind: 'write' };
      case 'revision':
        return this.checkAtRevision(existing, current, expected.revision, events) ?? { kind: 'write' };
      default: {
        const _exhaustive: never = expected;
        return _exhaustive;
      }
    }
  }

  /**
   * The server's rule for an explicit expected revision: a stream already past it is an
   * idempotent re-send when the events that follow it carry exactly the proposed ids, and a
   * conflict otherwise (including a partial match). Content is never compared.
   */
  private checkAtRevision(
    existing: readonly LogRecord[],
    current: bigint | undefined,
    expectedRevision: bigint,
    events: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    const currentOrMinusOne = current ?? -1n;
    if (expectedRevision === currentOrMinusOne) return undefined;
    const wrong = { kind: 'wrong_expected_version', currentRevision: current } as const;
    if (expectedRevision > currentOrMinusOne || events.length === 0) return wrong;
    const start = Number(expectedRevision + 1n);
    const following = existing.slice(start, start + events.length);
    if (following.length < events.length) return wrong;
    if (!following.every((record, i) => record.id === events[i]!.id)) return wrong;
    const last = following[following.length - 1]!;
    return { kind: 'idempotent', currentRevision: last.revision, position: last.position };
  }

  /**
   * With no expected revision the server can only look the first id up in the stream: found,
   * and followed by the rest in order, is a re-send; found but not followed is a conflict.
   */
  private idempotentAnywhere(existing: readonly LogRecord[], events: readonly ProposedEvent[]): AppendOutcome | undefined {
    const first = events[0];
    if (first === undefined) return undefined;
    const start = existing.findIndex((r) => r.id === first.id);
    if (start < 0) return undefined;
    const following = existing.slice(start, start + events.length);
    const current = existing.length === 0 ? undefined : BigInt(existing.length - 1);
    if (following.length < events.length || !following.every((record, i) => record.id === events[i]!.id)) {
      return { kind: 'wrong_expected_version', currentRevision: current };
    }
    const last = following[following.length - 1]!;
    return { kind: 'idempotent', currentRevision: last.revision, position: last.position };
  }

  /** Increasing on one clock; a clock that steps back (another leader's) steps the times back too. */
  private nextCreatedTicks(): bigint {
    const clock = this.serverNowMs();
    if (clock < this.lastClock) this.lastCreatedTicks = 0n;
    this.lastClock = clock;
    const now = BigInt(clock) * TICKS_PER_MS;
    this.lastCreatedTicks = now > this.lastCreatedTicks ? now : this.lastCreatedTicks + 1n;
    return this.lastCreatedTicks;
  }

  private firstIndexWhere(predicate: (r: LogRecord) => boolean): number {
    // Binary search: positions grow with the index.
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (predicate(this.records[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
