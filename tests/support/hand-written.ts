import type { NewEvent } from '../../services/core/event-store.ts';

/**
 * An event written by hand, straight to the store, with metadata the catalogue accepts: as an
 * importer or a newer version of the register might write it (the log's hash chain is not the
 * projections' business).
 */
export function handWritten(id: number, type: string, data: unknown): NewEvent {
  return {
    id: `00000000-0000-4000-9000-${id.toString(16).padStart(12, '0')}`,
    type,
    data,
    metadata: {
      actor: 'importer@ccag',
      reason: null,
      effectiveAt: '2024-11-20T09:00:00.000Z',
      correlationId: 'import',
      causationId: null,
      schemaVersion: 1,
      idempotencyKey: null,
      commandHash: null,
      prevHash: null,
      hash: 'a'.repeat(64),
    },
  };
}
