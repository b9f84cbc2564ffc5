/**
 * Conversions between the stand-in's log records and the protobuf messages of EventStoreDB's
 * gRPC API, using the message classes generated inside @eventstore/db-client, so the wire
 * format is the client's own.
 */
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type { UUID } from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { LogRecord, ProposedEvent } from './log.ts';

export function uuidToString(uuid: UUID | undefined): string {
  if (uuid === undefined) throw new Error('event without an id');
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  if (structured === undefined) throw new Error('empty UUID');
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function stringUuid(id: string): UUID {
  return new sharedPb.UUID().setString(id);
}

export function streamName(identifier: { getStreamName_asU8(): Uint8Array } | undefined): string {
  if (identifier === undefined) throw new Error('request without a stream identifier');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(name: string) {
  return new sharedPb.StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
}

interface WireProposedMessage {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

export function proposedEvent(message: WireProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  if (!type) throw new Error('proposed message without a type');
  return {
    id: uuidToString(message.getId()),
    type,
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

/** One event as the server sends it on reads and subscriptions; $all reads also carry the commit position. */
export function eventResponse(record: LogRecord, { withCommitPosition }: { withCommitPosition: boolean }): ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(stringUuid(record.id))
    .setStreamIdentifier(streamIdentifier(record.stream))
    .setStreamRevision(record.revision.toString())
    .setPreparePosition(record.position.toString())
    .setCommitPosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.createdTicks.toString());
  const readEvent = new streamsPb.ReadResp.ReadEvent().setEvent(recorded);
  if (withCommitPosition) readEvent.setCommitPosition(record.position.toString());
  else readEvent.setNoPosition(new sharedPb.Empty());
  return new streamsPb.ReadResp().setEvent(readEvent);
}

export function streamNotFoundResponse(name: string): ReadResp {
  return new streamsPb.ReadResp().setStreamNotFound(new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name)));
}

export function confirmationResponse(subscriptionId: string): ReadResp {
  return new streamsPb.ReadResp().setConfirmation(new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));
}

export function checkpointResponse(position: bigint): ReadResp {
  return new streamsPb.ReadResp().setCheckpoint(
    new streamsPb.ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString()),
  );
}

export function caughtUpResponse(): ReadResp {
  return new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp());
}
