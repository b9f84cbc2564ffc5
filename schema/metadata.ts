import { z } from 'zod';

export const isoDateTime = z.iso.datetime({ offset: true });

/** Metadata carried by every stored event. The zod schema guards events read back. */
export const eventMetadataSchema = z.object({
  /** Principal of the authenticated caller; never taken from command input. */
  actor: z.string().min(1),
  reason: z.string().nullable(),
  /** When it happened in the world (back-filled history sets it in the past). */
  effectiveAt: isoDateTime,
  correlationId: z.string().min(1),
  causationId: z.string().nullable(),
  schemaVersion: z.number().int().positive(),
  idempotencyKey: z.string().nullable(),
  /** SHA-256 of the command that wrote the event, to tell a retry from a re-used key. */
  commandHash: z.string().nullable(),
  /** `hash` of the previous event of the same stream; null for the first. */
  prevHash: z.string().nullable(),
  /** SHA-256 over the canonical encoding of stream, revision, id, type, data and metadata. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export type EventMetadata = z.infer<typeof eventMetadataSchema>;
