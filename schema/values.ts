import { z } from 'zod';

/** An ISO calendar date, `2024-11-27`. The register stores ISO; the pack shows 27/11/24. */
export const isoDate = z.iso.date();
export type IsoDate = z.infer<typeof isoDate>;

const year = z.number().int().min(2000).max(2100);

/** One point in time as the pack writes it: a day, a month, a quarter, or TBC. */
export const datePoint = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: isoDate }),
  z.object({ kind: z.literal('month'), year, month: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('quarter'), year, quarter: z.number().int().min(1).max(4) }),
  z.object({ kind: z.literal('tbc') }),
]);
export type DatePoint = z.infer<typeof datePoint>;

const boundedPoint = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: isoDate }),
  z.object({ kind: z.literal('month'), year, month: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('quarter'), year, quarter: z.number().int().min(1).max(4) }),
]);

/** A point, or a range between two known points ("14/10/24-30/10/24"). */
export const dateOrRange = z.union([
  datePoint,
  z.object({ kind: z.literal('range'), from: boundedPoint, to: boundedPoint }),
]);
export type DateOrRange = z.infer<typeof dateOrRange>;

/**
 * A planned date: one date-or-range, or several that differ per party
 * ("Sun 13/10/24 for BSC; Wed 09/10/24 for REC").
 */
export const plannedDate = z.union([
  dateOrRange,
  z.object({
    kind: z.literal('perParty'),
    parts: z
      .array(z.object({ parties: z.array(z.string().min(1)).min(1), date: dateOrRange }))
      .min(2),
  }),
]);
export type PlannedDate = z.infer<typeof plannedDate>;

export const milestoneStatus = z.enum(['Green', 'Amber', 'Red', 'In progress', 'Complete']);
export type MilestoneStatus = z.infer<typeof milestoneStatus>;

export const actionStatus = z.enum(['Open', 'Recommended closed', 'Closed']);
export type ActionStatus = z.infer<typeof actionStatus>;

/** `CCAG35-01`: meeting 35, item 1. */
export const actionRef = z.string().regex(/^CCAG\d{1,4}-\d{2,3}$/, 'must look like CCAG35-01');

export const changeProposalStatus = z.enum([
  'New',
  'Initial Assessment',
  'Under Development',
  'Consultation',
  'Report Phase',
  'Voting',
  'Awaiting Authority approval',
  'Awaiting Authority decision',
  'Approved',
  'Rejected',
  'Implemented',
  'Withdrawn',
]);
export type ChangeProposalStatus = z.infer<typeof changeProposalStatus>;

/** Risk scores run 1 (lowest) to 30 (highest), as in the pack's assessment grid. */
export const riskScore = z.number().int().min(1).max(30);

/** `R920`. */
export const riskId = z.string().regex(/^R\d{1,5}$/, 'must look like R920');

/** A non-empty line of text, trimmed. */
export const text = z.string().trim().min(1);
