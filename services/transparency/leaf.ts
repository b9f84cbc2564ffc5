import type { StoredEvent } from '../core/event-store.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { formatPosition } from '../core/position.ts';
import { leafHash } from './merkle.ts';

/**
 * The leaf of one event: the UTF-8 bytes of the RFC 8785 (JCS) encoding of everything the
 * store holds for it, recorded time and position included, so editing any of them changes
 * the tree. docs/verification.md specifies it byte for byte.
 */
export function leafBytes(event: StoredEvent): Buffer {
  const encoded = canonicalJson({
    position: formatPosition(event.position),
    stream: event.stream,
    revision: event.revision,
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  });
  if (encoded === undefined) throw new Error(`event ${event.id} could not be canonically encoded`);
  return Buffer.from(encoded, 'utf8');
}

export function eventLeafHash(event: StoredEvent): Buffer {
  return leafHash(leafBytes(event));
}
