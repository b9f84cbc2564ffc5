import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** What the chain hash covers: everything about an event except `recordedAt` and the hash itself. */
export interface HashedFields {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  /** The event's metadata; a `hash` key in it is ignored. */
  readonly metadata: Record<string, unknown>;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * SHA-256 over the RFC 8785 (JSON Canonicalization Scheme) encoding of the event, so
 * any reader in any language can recompute it from an exported log. canonicalJson gives the
 * text `canonicalize` gives, two to three times faster: every command hashes its event and
 * itself, and a verification from scratch hashes every event of the log.
 */
export function eventHash(fields: HashedFields): string {
  const { hash: _ignored, ...metadata } = fields.metadata;
  const encoded = canonicalJson({
    stream: fields.stream,
    revision: fields.revision,
    id: fields.id,
    type: fields.type,
    data: fields.data,
    metadata,
  });
  if (encoded === undefined) throw new Error('event could not be canonically encoded');
  return sha256Hex(encoded);
}

/** Canonical JSON hash of any value (commands, digests). */
export function canonicalHash(value: unknown): string {
  const encoded = canonicalJson(value);
  if (encoded === undefined) throw new Error('value could not be canonically encoded');
  return sha256Hex(encoded);
}
