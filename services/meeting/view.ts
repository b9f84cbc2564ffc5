import { z } from 'zod';
import { isoDate } from '../../schema/values.ts';
import { signedTreeHeadSchema } from '../transparency/tree-head.ts';
import { agendaItemSchema } from './agenda.ts';
import { forwardPlanSchema, meetingDocumentSchema, nextStepsSchema } from './papers.ts';

export const meetingNumber = z.number().int().positive();
export const meetingStatus = z.enum(['Scheduled', 'Held']);
export type MeetingStatus = z.infer<typeof meetingStatus>;

/** A log position as `formatPosition` writes it: `42`, or `42/40` for EventStoreDB. */
export const boundaryPosition = z.string().regex(/^\d+(\/\d+)?$/, 'must be a log position such as 42 or 42/40');
/** The register frozen at the meeting, lowercase hex: the Merkle root of its signed tree head (older meetings: the digest of every stream's head). */
export const registerDigest = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** One CCAG meeting as the register shows it. */
export const meetingViewSchema = z.object({
  id: z.string(),
  number: meetingNumber,
  date: isoDate,
  status: meetingStatus,
  /** The agenda table: item, objective, type, lead and time slot. */
  agenda: z.array(agendaItemSchema),
  heldOn: isoDate.nullable(),
  /** The log position the pack was frozen at: the boundary of "since last CCAG". */
  boundaryPosition: boundaryPosition.nullable(),
  digest: registerDigest.nullable(),
  /** The signed tree head the meeting froze; null for meetings held before the register signed heads. */
  treeHead: signedTreeHeadSchema.nullable(),
  /** The pack's cover: document reference, version and classification; null until recorded. */
  document: meetingDocumentSchema.nullable(),
  /** The pack's "Next steps". */
  nextSteps: nextStepsSchema,
  /** The meeting's column of the forward plan; null until planned. */
  forwardPlan: forwardPlanSchema.nullable(),
});
export type MeetingView = z.infer<typeof meetingViewSchema>;
