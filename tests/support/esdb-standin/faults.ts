/**
 * The stand-in's opt-in fault modes. Each reproduces a real server's behaviour, as read from
 * the KurrentDB source (Streams.BatchAppend.cs, Streams.Append.cs, RpcExceptions.cs, Status.cs,
 * StorageReaderWorker.All.cs), so the adapter can be tested against it without a cluster.
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';

/** How an append can fail, with the wire answer a real server gives. */
export type AppendFaultKind =
  /** The node is gone (connection refused / reset): the whole call fails UNAVAILABLE. */
  | 'unavailable'
  /** BatchAppend per-request status "Server Is Not Ready" with an Empty detail (Append: UNAVAILABLE). */
  | 'not-ready'
  /** BatchAppend per-request status "Server Is Busy" (Append: UNAVAILABLE "Server Is Too Busy"). */
  | 'busy'
  /** A commit timeout: BatchAppend per-request Timeout status (Append: ABORTED). */
  | 'commit-timeout'
  /** The node is shutting down: the call is CANCELLED. */
  | 'shutdown'
  /** Leadership moved: NotFound with not-leader metadata naming the new leader. */
  | 'not-leader';

export interface AppendFault {
  readonly kind: AppendFaultKind;
  /** true: the events are written, then the failure is answered (the outcome the client sees is lost). */
  readonly afterWrite: boolean;
}

export class Faults {
  readonly appendFaults: AppendFault[] = [];
  /** Added to this process's clock to make the server's: > 0 a server ahead of the client, < 0 one stepped back. */
  clockOffsetMs = 0;
  /** Reads without `requires-leader` are served by a follower that shows only writes older than this. */
  followerLagMs = 0;
  /** The leader itself shows only writes older than this (a new leader still indexing): misses even with requires-leader. */
  leaderLagMs = 0;
  /** Reads with `requires-leader` answered NotLeader while this many remain. */
  notLeaderReads = 0;
  /** Until this time (ms, this process's clock) every read, subscription and append is refused UNAVAILABLE. */
  outageUntil = 0;
  /** This many reads and subscriptions are accepted and then never answered (a node that hangs). */
  hungReads = 0;
  /** The largest append accepted (data + metadata + type as UTF-16), as MaxAppendSize; 24.10's default. */
  maxAppendSize = 1_048_576;

  /** What the leader is, for not-leader answers. */
  constructor(private readonly leader: () => { host: string; port: number }) {}

  serverNowMs(): number {
    return Date.now() + this.clockOffsetMs;
  }

  inOutage(): boolean {
    return Date.now() < this.outageUntil;
  }

  /** Whether a record written at `writtenAtMs` (this process's clock) is visible to a read. */
  visible(writtenAtMs: number, requiresLeader: boolean): boolean {
    const lag = requiresLeader ? this.leaderLagMs : Math.max(this.followerLagMs, this.leaderLagMs);
    return lag === 0 || writtenAtMs <= Date.now() - lag;
  }

  notLeaderError(): ServiceError {
    const { host, port } = this.leader();
    const metadata = new Metadata();
    metadata.set('exception', 'not-leader');
    metadata.set('leader-endpoint-host', host);
    metadata.set('leader-endpoint-port', String(port));
    return serviceError(status.NOT_FOUND, 'Leader info available', metadata);
  }

  unavailableError(): ServiceError {
    return serviceError(status.UNAVAILABLE, 'Server Is Not Ready');
  }
}

export function serviceError(code: status, details: string, metadata = new Metadata()): ServiceError {
  return Object.assign(new Error(details), { code, details, metadata });
}

export function requiresLeader(metadata: Metadata): boolean {
  return metadata.get('requires-leader').some((value) => String(value) === 'true');
}
