/**
 * The Read RPC: bounded reads of one stream or of $all, and catch-up subscriptions that
 * stay live. Start positions follow the server: reads of $all start AT the given position,
 * reads backwards end before it, subscriptions start strictly AFTER it.
 */
import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import { requiresLeader, serviceError, type Faults } from './faults.ts';
import type { InMemoryLog, LogRecord } from './log.ts';
import {
  caughtUpResponse,
  checkpointResponse,
  confirmationResponse,
  eventResponse,
  streamName,
  streamNotFoundResponse,
} from './messages.ts';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;
type Options = NonNullable<ReturnType<ReadReq['getOptions']>>;
type Predicate = (record: LogRecord) => boolean;

// Values of ReadReq.Options' enums and oneof cases, as numbered in streams.proto.
const BACKWARDS = 1;
const REVISION_CASE = { REVISION: 2, START: 3, END: 4 } as const;
const ALL_CASE = { POSITION: 1, START: 2, END: 3 } as const;
/** The server's default search window when the client asks for `count`. */
const DEFAULT_SEARCH_WINDOW = 32;

/** A live subscription the server can drop (see `dropAll`). */
interface LiveSubscription {
  drop(code: status, details: string): void;
}

export class ReadService {
  private readonly live = new Set<LiveSubscription>();

  constructor(
    private readonly log: InMemoryLog,
    private readonly faults: Faults,
  ) {}

  readonly read = (call: ReadCall): void => {
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', { code: status.INVALID_ARGUMENT, details: 'Read without options' });
      return;
    }
    if (this.faults.inOutage()) {
      call.emit('error', this.faults.unavailableError());
      return;
    }
    if (this.faults.hungReads > 0) {
      // Neither an answer nor an error: only the caller's own deadline ends this call.
      this.faults.hungReads--;
      return;
    }
    const leaderOnly = requiresLeader(call.metadata);
    if (leaderOnly && this.faults.notLeaderReads > 0) {
      this.faults.notLeaderReads--;
      call.emit('error', this.faults.notLeaderError());
      return;
    }
    // StorageReaderWorker refuses a $all start that is not a record of its log.
    const all = options.getAll();
    if (all?.getAllOptionCase() === ALL_CASE.POSITION && !this.log.isReadablePosition(BigInt(all.getPosition()!.getCommitPosition()))) {
      call.emit('error', serviceError(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.'));
      return;
    }
    const run = options.hasSubscription() ? this.subscribe(call, options) : this.readOnce(call, options);
    run.catch((error: unknown) => {
      call.emit('error', { code: status.INTERNAL, details: error instanceof Error ? error.message : String(error) });
    });
  };

  /** Ends every live subscription with `code`, as a server does when a node goes away. */
  dropAll(code: status = status.UNAVAILABLE, details = 'Subscription dropped by the server'): number {
    const dropped = [...this.live];
    for (const subscription of dropped) subscription.drop(code, details);
    return dropped.length;
  }

  get liveCount(): number {
    return this.live.size;
  }

  private async readOnce(call: ReadCall, options: Options): Promise<void> {
    const limit = options.hasCount() ? Number(BigInt(options.getCount())) : Number.MAX_SAFE_INTEGER;
    const backwards = options.getReadDirection() === BACKWARDS;
    const filter = filterOf(options);
    const leaderOnly = requiresLeader(call.metadata);
    const shown = (record: LogRecord) => this.faults.visible(record.writtenAtMs, leaderOnly);
    const predicate: Predicate = (record) => shown(record) && (!filter || filter(record));
    let records: LogRecord[];
    let withCommitPosition: boolean;
    if (options.hasStream()) {
      const streamOptions = options.getStream()!;
      const name = streamName(streamOptions.getStreamIdentifier());
      const stream = this.log.visibleStreamRecords(name).filter(shown);
      if (stream.length === 0) {
        await send(call, streamNotFoundResponse(name));
        call.end();
        return;
      }
      records = sliceStream(stream, streamOptions, backwards);
      withCommitPosition = false;
    } else {
      records = this.sliceAll(options.getAll()!, backwards);
      withCommitPosition = true;
    }
    let sent = 0;
    for (const record of records) {
      if (sent >= limit || call.cancelled) break;
      if (!predicate(record)) continue;
      await send(call, eventResponse(record, { withCommitPosition }));
      sent++;
    }
    call.end();
  }

  private sliceAll(all: NonNullable<ReturnType<Options['getAll']>>, backwards: boolean): LogRecord[] {
    const records: LogRecord[] = [];
    const length = this.log.length;
    let from: number;
    switch (all.getAllOptionCase()) {
      case ALL_CASE.START:
        from = backwards ? -1 : 0;
        break;
      case ALL_CASE.END:
        from = backwards ? length - 1 : length;
        break;
      case ALL_CASE.POSITION: {
        const position = BigInt(all.getPosition()!.getCommitPosition());
        from = backwards ? this.log.indexAtOrAfter(position) - 1 : this.log.indexAtOrAfter(position);
        break;
      }
      default:
        throw new Error('Read of $all without a start');
    }
    if (backwards) for (let i = from; i >= 0; i--) records.push(this.log.recordAt(i)!);
    else for (let i = from; i < length; i++) records.push(this.log.recordAt(i)!);
    return records;
  }

  private async subscribe(call: ReadCall, options: Options): Promise<void> {
    const predicate = filterOf(options);
    const filter = options.getFilter();
    const window = filter?.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
    const checkpointEvery = filter ? Math.max(1, window * Math.max(1, filter.getCheckpointintervalmultiplier())) : 0;

    let source: { at(i: number): LogRecord | undefined; length(): number };
    let cursor: number;
    if (options.hasStream()) {
      const streamOptions = options.getStream()!;
      const name = streamName(streamOptions.getStreamIdentifier());
      source = { at: (i) => this.log.streamRecords(name)[i], length: () => this.log.streamRecords(name).length };
      const revisionCase = streamOptions.getRevisionOptionCase();
      cursor =
        revisionCase === REVISION_CASE.REVISION
          ? Number(BigInt(streamOptions.getRevision())) + 1
          : revisionCase === REVISION_CASE.END
            ? source.length()
            : 0;
    } else {
      const all = options.getAll()!;
      source = { at: (i) => this.log.recordAt(i), length: () => this.log.length };
      const allCase = all.getAllOptionCase();
      cursor =
        allCase === ALL_CASE.POSITION
          ? this.log.indexAfter(BigInt(all.getPosition()!.getCommitPosition()))
          : allCase === ALL_CASE.END
            ? this.log.length
            : 0;
    }
    const withCommitPosition = !options.hasStream();

    let stopped = false;
    let pumping = false;
    let again = false;
    let scanned = 0;
    let caughtUp = false;
    const pump = async () => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          while (!stopped && cursor < source.length()) {
            const record = source.at(cursor++)!;
            scanned++;
            if (!predicate || predicate(record)) await send(call, eventResponse(record, { withCommitPosition }));
            if (checkpointEvery > 0 && scanned % checkpointEvery === 0 && !stopped) {
              await send(call, checkpointResponse(record.position));
            }
          }
          if (!caughtUp && !stopped) {
            caughtUp = true;
            await send(call, caughtUpResponse());
          }
        } while (again && !stopped);
      } finally {
        pumping = false;
      }
    };

    const unsubscribe = this.log.onWrite(() => {
      pump().catch((error: unknown) => subscription.drop(status.INTERNAL, String(error)));
    });
    const stop = () => {
      stopped = true;
      unsubscribe();
      this.live.delete(subscription);
    };
    const subscription: LiveSubscription = {
      drop: (code, details) => {
        if (stopped) return;
        stop();
        call.emit('error', { code, details });
      },
    };
    this.live.add(subscription);
    call.on('cancelled', stop);
    call.on('close', stop);

    await send(call, confirmationResponse(randomUUID()));
    await pump();
  }
}

function sliceStream(
  stream: readonly LogRecord[],
  streamOptions: NonNullable<ReturnType<Options['getStream']>>,
  backwards: boolean,
): LogRecord[] {
  // Indexes by revision; after a soft delete the first shown revision is not 0.
  const base = stream[0]?.revision ?? 0n;
  const last = stream.length - 1;
  let from: number;
  switch (streamOptions.getRevisionOptionCase()) {
    case REVISION_CASE.START:
      from = backwards ? -1 : 0;
      break;
    case REVISION_CASE.END:
      from = backwards ? last : stream.length;
      break;
    case REVISION_CASE.REVISION: {
      const index = BigInt(streamOptions.getRevision()) - base;
      from = index > BigInt(last) ? (backwards ? last : stream.length) : index < 0n ? (backwards ? -1 : 0) : Number(index);
      break;
    }
    default:
      throw new Error('Read of a stream without a start');
  }
  return backwards ? stream.slice(0, from + 1).reverse() : stream.slice(from);
}

/** The server-side filter of a read or subscription: on stream name or event type, by prefixes or regex. */
function filterOf(options: Options): Predicate | undefined {
  const filter = options.getFilter();
  if (filter === undefined) return undefined;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (expression === undefined) return undefined;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const matches = (value: string) => (prefixes.length > 0 ? prefixes.some((p) => value.startsWith(p)) : regex ? regex.test(value) : true);
  return (record) => matches(onStream ? record.stream : record.type);
}

/** Writes with backpressure; gives up quietly when the client has gone. */
async function send(call: ReadCall, message: ReadResp): Promise<void> {
  if (call.cancelled || call.writableEnded) return;
  if (call.write(message)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
    call.on('close', done);
  });
}
