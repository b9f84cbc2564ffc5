/**
 * The Append (client-streaming) and BatchAppend (bidirectional) RPCs. The client uses
 * BatchAppend when ServerFeatures advertises it, as a real 24.10 server does, and Append
 * otherwise (or when a call carries its own credentials).
 */
import { Metadata, status, type ServerDuplexStream, type ServerReadableStream, type ServiceError, type sendUnaryData } from '@grpc/grpc-js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb.js';
import { serviceError, type AppendFault, type Faults } from './faults.ts';
import type { AppendOutcome, ExpectedState, InMemoryLog, ProposedEvent } from './log.ts';
import { proposedEvent, streamIdentifier, streamName, uuidToString } from './messages.ts';

/**
 * What the server answers instead of an outcome: `call` fails the whole gRPC call (both RPCs);
 * `request` is BatchAppend's per-request error status, which the Append RPC turns into `call`.
 */
type Refusal =
  | { readonly kind: 'call'; readonly error: ServiceError }
  | { readonly kind: 'request'; readonly status: InstanceType<typeof statusPb.Status>; readonly asCall: ServiceError };

const FAILED_PRECONDITION = 9;
const GOOGLE_RPC_DEADLINE_EXCEEDED = 4;
const GOOGLE_RPC_INVALID_ARGUMENT = 3;
// Oneof case numbers from streams.proto.
const APPEND_EXPECTED = { REVISION: 2, NO_STREAM: 3, ANY: 4, STREAM_EXISTS: 5 } as const;

export class AppendService {
  /** Count of append requests that reached the server (including failed ones). */
  attempts = 0;

  constructor(
    private readonly log: InMemoryLog,
    private readonly faults: Faults,
  ) {}

  failNext(count: number, fault: AppendFault): void {
    for (let i = 0; i < count; i++) this.faults.appendFaults.push(fault);
  }

  readonly append = (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let failed = false;
    call.on('data', (req: AppendReq) => {
      try {
        if (req.hasOptions()) options = req.getOptions();
        else if (req.hasProposedMessage()) events.push(proposedEvent(req.getProposedMessage()!));
      } catch (error) {
        failed = true;
        callback({ code: status.INVALID_ARGUMENT, details: String(error) });
      }
    });
    call.on('end', () => {
      if (failed) return;
      if (options === undefined) {
        callback({ code: status.INVALID_ARGUMENT, details: 'Append without options' });
        return;
      }
      const stream = streamName(options.getStreamIdentifier());
      const expected = expectedOf(options.getExpectedStreamRevisionCase(), () => options!.getRevision());
      const outcome = this.appendWithFaults(stream, expected, events, undefined);
      if ('kind' in outcome && (outcome.kind === 'call' || outcome.kind === 'request')) {
        callback(outcome.kind === 'call' ? outcome.error : outcome.asCall);
        return;
      }
      callback(null, appendResponse(outcome, expected));
    });
  };

  readonly batchAppend = (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, { stream: string; expected: ExpectedState; events: ProposedEvent[]; deadlineMs: number | undefined }>();
    call.on('data', (req: BatchAppendReq) => {
      const correlation = uuidToString(req.getCorrelationId());
      let batch = pending.get(correlation);
      if (batch === undefined) {
        const options = req.getOptions();
        if (options === undefined) {
          call.emit('error', { code: status.INVALID_ARGUMENT, details: 'First batch without options' });
          return;
        }
        const deadline = options.getDeadline();
        batch = {
          stream: streamName(options.getStreamIdentifier()),
          expected: expectedOf(options.getExpectedStreamPositionCase(), () => options.getStreamPosition()),
          events: [],
          // An absolute time on the client's clock, compared with the server's own.
          deadlineMs: deadline ? deadline.getSeconds() * 1000 + Math.floor(deadline.getNanos() / 1e6) : undefined,
        };
        pending.set(correlation, batch);
      }
      for (const message of req.getProposedMessagesList()) batch.events.push(proposedEvent(message));
      if (!req.getIsFinal()) return;
      pending.delete(correlation);
      const outcome = this.appendWithFaults(batch.stream, batch.expected, batch.events, batch.deadlineMs);
      if ('kind' in outcome && outcome.kind === 'call') {
        call.emit('error', outcome.error);
        return;
      }
      if ('kind' in outcome && outcome.kind === 'request') {
        call.write(
          new streamsPb.BatchAppendResp()
            .setCorrelationId(req.getCorrelationId())
            .setStreamIdentifier(streamIdentifier(batch.stream))
            .setError(outcome.status),
        );
        return;
      }
      call.write(batchAppendResponse(req, batch.stream, batch.expected, outcome));
    });
    call.on('end', () => call.end());
  };

  private appendWithFaults(
    stream: string,
    expected: ExpectedState,
    events: readonly ProposedEvent[],
    deadlineMs: number | undefined,
  ): AppendOutcome | Refusal {
    this.attempts++;
    if (this.faults.inOutage()) return { kind: 'call', error: this.faults.unavailableError() };
    if (deadlineMs !== undefined && deadlineMs <= this.faults.serverNowMs()) return timeoutRefusal();
    const size = events.reduce((sum, e) => sum + e.data.length + e.customMetadata.length + e.type.length * 2, 0);
    if (size > this.faults.maxAppendSize) return sizeRefusal(this.faults.maxAppendSize);
    const fault = this.faults.appendFaults.shift();
    if (fault === undefined) return this.log.append(stream, expected, events);
    if (fault.afterWrite) this.log.append(stream, expected, events);
    return this.refusalFor(fault);
  }

  private refusalFor(fault: AppendFault): Refusal {
    switch (fault.kind) {
      case 'unavailable':
        return { kind: 'call', error: serviceError(status.UNAVAILABLE, 'Connection dropped (stand-in fault)') };
      case 'shutdown':
        return { kind: 'call', error: serviceError(status.CANCELLED, 'Server is shutting down') };
      case 'not-leader':
        return { kind: 'call', error: this.faults.notLeaderError() };
      case 'not-ready':
        return emptyDetailRefusal('Server Is Not Ready', serviceError(status.UNAVAILABLE, 'Server Is Not Ready'));
      case 'busy':
        return emptyDetailRefusal('Server Is Busy', serviceError(status.UNAVAILABLE, 'Server Is Too Busy'));
      case 'commit-timeout':
        return timeoutRefusal();
      default: {
        const _exhaustive: never = fault.kind;
        return _exhaustive;
      }
    }
  }
}

/** BatchAppend's NotHandled answers: a message, no code, an Empty detail the client cannot name. */
function emptyDetailRefusal(message: string, asCall: ServiceError): Refusal {
  const packed = new anyPb.Any();
  packed.pack(new emptyPb.Empty().serializeBinary(), 'google.protobuf.Empty');
  return { kind: 'request', status: new statusPb.Status().setMessage(message).setDetails(packed), asCall };
}

/** Status.Timeout on BatchAppend; RpcExceptions.Timeout (ABORTED) on Append. */
function timeoutRefusal(): Refusal {
  const packed = new anyPb.Any();
  packed.pack(new sharedPb.Timeout().serializeBinary(), 'event_store.client.Timeout');
  return {
    kind: 'request',
    status: new statusPb.Status().setCode(GOOGLE_RPC_DEADLINE_EXCEEDED).setMessage('Timeout').setDetails(packed),
    asCall: serviceError(status.ABORTED, 'Operation timed out: Append timeout'),
  };
}

/** Status.MaximumAppendSizeExceeded on BatchAppend; RpcExceptions.MaxAppendSizeExceeded on Append. */
function sizeRefusal(maxAppendSize: number): Refusal {
  const packed = new anyPb.Any();
  packed.pack(
    new sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize).serializeBinary(),
    'event_store.client.MaximumAppendSizeExceeded',
  );
  const metadata = new Metadata();
  metadata.set('exception', 'maximum-append-size-exceeded');
  metadata.set('maximum-append-size', String(maxAppendSize));
  return {
    kind: 'request',
    status: new statusPb.Status().setCode(GOOGLE_RPC_INVALID_ARGUMENT).setMessage('MaximumAppendSizeExceeded').setDetails(packed),
    asCall: serviceError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, metadata),
  };
}

function expectedOf(revisionCase: number, revision: () => string): ExpectedState {
  switch (revisionCase) {
    case APPEND_EXPECTED.REVISION:
      return { kind: 'revision', revision: BigInt(revision()) };
    case APPEND_EXPECTED.NO_STREAM:
      return { kind: 'no_stream' };
    case APPEND_EXPECTED.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}

function appendResponse(outcome: AppendOutcome, expected: ExpectedState): AppendResp {
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
    else wrong.setCurrentRevision(outcome.currentRevision.toString());
    switch (expected.kind) {
      case 'revision':
        wrong.setExpectedRevision(expected.revision.toString());
        break;
      case 'no_stream':
        wrong.setExpectedNoStream(new sharedPb.Empty());
        break;
      case 'stream_exists':
        wrong.setExpectedStreamExists(new sharedPb.Empty());
        break;
      case 'any':
        wrong.setExpectedAny(new sharedPb.Empty());
        break;
      default: {
        const _exhaustive: never = expected;
        return _exhaustive;
      }
    }
    return new streamsPb.AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new streamsPb.AppendResp.Success();
  if (outcome.currentRevision === undefined) success.setNoStream(new sharedPb.Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
  else
    success.setPosition(
      new streamsPb.AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()),
    );
  return new streamsPb.AppendResp().setSuccess(success);
}

function batchAppendResponse(req: BatchAppendReq, stream: string, expected: ExpectedState, outcome: AppendOutcome): BatchAppendResp {
  const resp = new streamsPb.BatchAppendResp().setCorrelationId(req.getCorrelationId()).setStreamIdentifier(streamIdentifier(stream));
  switch (expected.kind) {
    case 'revision':
      resp.setStreamPosition(expected.revision.toString());
      break;
    case 'no_stream':
      resp.setNoStream(new emptyPb.Empty());
      break;
    case 'stream_exists':
      resp.setStreamExists(new emptyPb.Empty());
      break;
    case 'any':
      resp.setAny(new emptyPb.Empty());
      break;
    default: {
      const _exhaustive: never = expected;
      return _exhaustive;
    }
  }
  if (outcome.kind === 'wrong_expected_version') {
    const details = new sharedPb.WrongExpectedVersion();
    if (outcome.currentRevision === undefined) details.setCurrentNoStream(new emptyPb.Empty());
    else details.setCurrentStreamRevision(outcome.currentRevision.toString());
    if (expected.kind === 'revision') details.setExpectedStreamPosition(expected.revision.toString());
    else if (expected.kind === 'no_stream') details.setExpectedNoStream(new emptyPb.Empty());
    else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new emptyPb.Empty());
    else details.setExpectedAny(new emptyPb.Empty());
    const packed = new anyPb.Any();
    packed.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
    return resp.setError(new statusPb.Status().setCode(FAILED_PRECONDITION).setMessage('Wrong expected version').setDetails(packed));
  }
  const success = new streamsPb.BatchAppendResp.Success();
  if (outcome.currentRevision === undefined) success.setNoStream(new emptyPb.Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === undefined) success.setNoPosition(new emptyPb.Empty());
  else
    success.setPosition(
      new sharedPb.AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()),
    );
  return resp.setSuccess(success);
}
