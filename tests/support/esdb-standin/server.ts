/**
 * A wire-level stand-in for a single insecure EventStoreDB node: a @grpc/grpc-js server
 * speaking the Streams, ServerFeatures and Gossip services with the service definitions
 * shipped inside @eventstore/db-client, backed by an in-memory log. It lets the adapter's
 * real code, and the real client under it, run in every CI run without a database.
 *
 * Covered: appends (Append and BatchAppend) with expected-revision checks and idempotent
 * re-sends; stream reads both ways; $all reads both ways; catch-up subscriptions to a stream
 * or $all with stream-name / event-type filters and checkpoints; StreamNotFound; gossip for
 * esdb+discover://; MaxAppendSize (1 MiB, 24.10's default); $all reads refusing a start that is
 * not a record (INVALID_ARGUMENT "Trying to read from an invalid position."); the BatchAppend
 * deadline checked against the server's own clock. Opt-in fault modes (faults.ts): a lagging
 * follower, NotLeader answers, Not Ready / Busy / commit timeouts / shutdown on appends (before
 * or after writing), an outage, a server clock ahead of the client's or stepped back, a soft
 * delete. Not covered: tombstones, stream metadata semantics ($maxAge...), link resolution,
 * persistent subscriptions, projections, users, TLS and authentication.
 */
import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb.js';
import type { ClusterInfo } from '@eventstore/db-client/generated/gossip_pb.js';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
import { AppendService } from './appends.ts';
import { Faults, type AppendFaultKind } from './faults.ts';
import { InMemoryLog } from './log.ts';
import { ReadService } from './reads.ts';
import { stringUuid } from './messages.ts';

export interface EsdbStandinOptions {
  /** Defaults to 127.0.0.1. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Advertise BatchAppend (as real servers since 21.10 do); false makes the client use Append. */
  readonly batchAppend?: boolean;
}

export interface EsdbStandin {
  readonly host: string;
  readonly port: number;
  /** `esdb://host:port?tls=false` */
  readonly connectionString: string;
  /** Ends every live subscription with UNAVAILABLE, as a node restart would; returns how many. */
  dropSubscriptions(): number;
  /** Number of subscriptions currently live. */
  readonly liveSubscriptions: number;
  /**
   * The next `count` appends fail as `kind` says (UNAVAILABLE by default). With `afterWrite` the
   * events are written first and only the reply is lost, the case an idempotent retry exists for.
   */
  failNextAppends(count: number, options?: { afterWrite?: boolean; kind?: AppendFaultKind }): void;
  /** Append requests received so far, failed ones included. */
  readonly appendAttempts: number;
  /** The fault modes, to switch on and off (all off at start). */
  readonly faults: Faults;
  /**
   * A node outage of `ms`: live subscriptions drop, and every read, subscription and append is
   * refused UNAVAILABLE until it ends.
   */
  outage(ms: number): void;
  /** DeleteStream (soft): the stream reads as not found, and a new append continues its revisions. */
  softDeleteStream(stream: string): void;
  stop(): Promise<void>;
}

const SERVER_VERSION = '26.0.3-standin';
const STREAMS_SERVICE = 'event_store.client.streams.streams';

export async function startEsdbStandin(options: EsdbStandinOptions = {}): Promise<EsdbStandin> {
  const host = options.host ?? '127.0.0.1';
  let port = 0;
  const faults = new Faults(() => ({ host, port }));
  const log = new InMemoryLog(() => faults.serverNowMs());
  writeStartupSystemEvents(log);
  const reads = new ReadService(log, faults);
  const appends = new AppendService(log, faults);
  const server = new Server();

  server.addService(streamsGrpc.StreamsService, {
    read: reads.read,
    append: appends.append,
    batchAppend: appends.batchAppend,
    delete: unimplemented('Delete'),
    tombstone: unimplemented('Tombstone'),
  });

  server.addService(serverFeaturesGrpc.ServerFeaturesService, {
    getSupportedMethods: (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>) => {
      const methods = ['read', 'append', ...(options.batchAppend === false ? [] : ['batchappend'])].map((name) =>
        new serverFeaturesPb.SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(name),
      );
      callback(null, new serverFeaturesPb.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(SERVER_VERSION));
    },
  });

  const instanceId = randomUUID();
  server.addService(gossipGrpc.GossipService, {
    read: (_call: ServerUnaryCall<Empty, ClusterInfo>, callback: sendUnaryData<ClusterInfo>) => {
      const member = new gossipPb.MemberInfo()
        .setInstanceId(stringUuid(instanceId))
        .setTimeStamp((BigInt(Date.now()) * 10_000n).toString())
        .setState(gossipPb.MemberInfo.VNodeState.LEADER)
        .setIsAlive(true)
        .setHttpEndPoint(new gossipPb.EndPoint().setAddress(host).setPort(port));
      callback(null, new gossipPb.ClusterInfo().setMembersList([member]));
    },
  });

  port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${options.port ?? 0}`, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });

  return {
    host,
    port,
    connectionString: `esdb://${host}:${port}?tls=false`,
    dropSubscriptions: () => reads.dropAll(),
    get liveSubscriptions() {
      return reads.liveCount;
    },
    failNextAppends: (count, { afterWrite = false, kind = 'unavailable' } = {}) => appends.failNext(count, { afterWrite, kind }),
    get appendAttempts() {
      return appends.attempts;
    },
    faults,
    outage(ms) {
      faults.outageUntil = Date.now() + ms;
      reads.dropAll(status.UNAVAILABLE, 'Server Is Not Ready');
    },
    softDeleteStream: (stream) => log.softDelete(stream),
    stop: async () => {
      reads.dropAll(status.UNAVAILABLE, 'Server is shutting down');
      server.forceShutdown();
    },
  };
}

/** A fresh database already holds the server's own events; readers must skip them. */
function writeStartupSystemEvents(log: InMemoryLog): void {
  const json = (value: unknown) => Uint8Array.from(Buffer.from(JSON.stringify(value), 'utf8'));
  log.append('$settings', { kind: 'any' }, [
    {
      id: randomUUID(),
      type: '$settings',
      contentType: 'application/json',
      data: json({ $userStreamAcl: { $r: '$all', $w: '$all' }, $systemStreamAcl: { $r: '$admins' } }),
      customMetadata: new Uint8Array(),
    },
  ]);
}

function unimplemented(name: string) {
  return (_call: unknown, callback: sendUnaryData<never>) =>
    callback({ code: status.UNIMPLEMENTED, details: `${name} is not implemented by the stand-in` });
}
