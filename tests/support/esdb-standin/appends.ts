/**
 * The Append (client-streaming) and BatchAppend (bidirectional) RPCs. The client uses
 * BatchAppend when ServerFeatures advertises it, as a real 24.10 server does, and Append
 * otherwise (or when a call carries its own credentials).
 */
import { status, type ServerDuplexStream, type ServerReadableStream, type sendUnaryData } from '@grpc/grpc-js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
} from '@eventstore/db-client/generated/streams_pb.js';
import type { AppendOutcome, ExpectedState, InMemoryLog, ProposedEvent } from './log.ts';
import { proposedEvent, streamIdentifier, streamName, uuidToString } from './messages.ts';

/** What the next appends should suffer, to exercise the adapter's retries. */
export interface AppendFault {
  /** true: the events are written, then the call fails (the reply is lost); false: nothing is written. */
  readonly afterWrite: boolean;
}

const FAILED_PRECONDITION = 9;
// Oneof case numbers from streams.proto.
const APPEND_EXPECTED = { REVISION: 2, NO_STREAM: 3, ANY: 4, STREAM_EXISTS: 5 } as const;

export class AppendService {
  private readonly faults: AppendFault[] = [];
  /** Count of append requests that reached the server (including failed ones). */
  attempts = 0;

  constructor(private readonly log: InMemoryLog) {}

  failNext(count: number, fault: AppendFault): void {
    for (let i = 0; i < count; i++) this.faults.push(fault);
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
      const outcome = this.appendWithFaults(stream, expected, events);
      if (outcome === 'unavailable') {
        callback({ code: status.UNAVAILABLE, details: 'Server is not ready (stand-in fault)' });
        return;
      }
      callback(null, appendResponse(outcome, expected));
    });
  };

  readonly batchAppend = (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, { stream: string; expected: ExpectedState; events: ProposedEvent[] }>();
    call.on('data', (req: BatchAppendReq) => {
      const correlation = uuidToString(req.getCorrelationId());
      let batch = pending.get(correlation);
      if (batch === undefined) {
        const options = req.getOptions();
        if (options === undefined) {
          call.emit('error', { code: status.INVALID_ARGUMENT, details: 'First batch without options' });
          return;
        }
        batch = {
          stream: streamName(options.getStreamIdentifier()),
          expected: expectedOf(options.getExpectedStreamPositionCase(), () => options.getStreamPosition()),
          events: [],
        };
        pending.set(correlation, batch);
      }
      for (const message of req.getProposedMessagesList()) batch.events.push(proposedEvent(message));
      if (!req.getIsFinal()) return;
      pending.delete(correlation);
      const outcome = this.appendWithFaults(batch.stream, batch.expected, batch.events);
      if (outcome === 'unavailable') {
        call.emit('error', { code: status.UNAVAILABLE, details: 'Server is not ready (stand-in fault)' });
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
  ): AppendOutcome | 'unavailable' {
    this.attempts++;
    const fault = this.faults.shift();
    if (fault === undefined) return this.log.append(stream, expected, events);
    if (fault.afterWrite) this.log.append(stream, expected, events);
    return 'unavailable';
  }
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
      new streamsPb.AppendResp.Position()
        .setCommitPosition(outcome.position.toString())
        .setPreparePosition(outcome.position.toString()),
    );
  return new streamsPb.AppendResp().setSuccess(success);
}

function batchAppendResponse(
  req: BatchAppendReq,
  stream: string,
  expected: ExpectedState,
  outcome: AppendOutcome,
): BatchAppendResp {
  const resp = new streamsPb.BatchAppendResp()
    .setCorrelationId(req.getCorrelationId())
    .setStreamIdentifier(streamIdentifier(stream));
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
    return resp.setError(
      new statusPb.Status().setCode(FAILED_PRECONDITION).setMessage('Wrong expected version').setDetails(packed),
    );
  }
  const success = new streamsPb.BatchAppendResp.Success();
  if (outcome.currentRevision === undefined) success.setNoStream(new emptyPb.Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === undefined) success.setNoPosition(new emptyPb.Empty());
  else
    success.setPosition(
      new sharedPb.AllStreamPosition()
        .setCommitPosition(outcome.position.toString())
        .setPreparePosition(outcome.position.toString()),
    );
  return resp.setSuccess(success);
}
