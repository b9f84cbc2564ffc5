import { z } from 'zod';
import { changeProposalStatus, dateOrRange, isoDate, plannedDate } from '../../schema/values.ts';
import { changeProposalIdShape } from '../core/related-change-proposals.ts';
import { displayOrder } from '../core/display-order.ts';

const line = z.string().min(1);

/** Withdrawal and rejection close a CP: it then accepts only reinstatement and corrections. */
export const closingStatuses = ['Withdrawn', 'Rejected'] as const;
export const openChangeProposalStatus = changeProposalStatus.exclude(closingStatuses);
export type OpenChangeProposalStatus = z.infer<typeof openChangeProposalStatus>;
export const closedChangeProposalStatus = changeProposalStatus.extract(closingStatuses);

/** One line of a CP's timeline, e.g. DCR0001's "Decision published: 6 January 2025". */
export const keyDateSchema = z.strictObject({ event: line, date: dateOrRange });
export type KeyDate = z.infer<typeof keyDateSchema>;

/** A dated update, "Update 20/11 – Party impact assessment has been published ...". */
export const changeProposalUpdateSchema = z.strictObject({ on: isoDate, text: line });
export type ChangeProposalUpdate = z.infer<typeof changeProposalUpdateSchema>;

export const withdrawalSchema = z.strictObject({ on: isoDate, statement: line });

/** A change proposal as the register shows it (one row of the Horizon Scanning Log). */
export const changeProposalViewSchema = z.strictObject({
  id: z.string(),
  codeBody: z.string(),
  ref: line,
  title: line,
  summary: line,
  stakeholderPositions: line.nullable(),
  raisedOn: isoDate,
  status: changeProposalStatus,
  decisionDate: plannedDate,
  mhhsImpact: line,
  updates: z.array(changeProposalUpdateSchema),
  keyDates: z.array(keyDateSchema),
  release: line.nullable(),
  relatedChangeProposals: z.array(changeProposalIdShape),
  withdrawal: withdrawalSchema.nullable(),
  /** The status a withdrawn or rejected CP had, to which reinstatement returns it. */
  statusBeforeClosure: changeProposalStatus.nullable(),
  /** Where its part of the Horizon Scanning Log (or its release's list) shows it; null: not placed, listed after the placed ones. */
  displayOrder: displayOrder.nullable(),
});
export type ChangeProposalView = z.infer<typeof changeProposalViewSchema>;

export const isClosed = (status: z.infer<typeof changeProposalStatus>): boolean => (closingStatuses as readonly string[]).includes(status);
