import { z } from 'zod';
import { isoDate, milestoneStatus, plannedDate } from '../../schema/values.ts';
import { changeProposalIdShape } from '../core/related-change-proposals.ts';
import { displayOrder } from '../core/display-order.ts';

const line = z.string().min(1);

/** Statuses a workstream reports; Complete is reached only by completing (which records the day). */
export const reportableMilestoneStatus = milestoneStatus.exclude(['Complete']);
export type ReportableMilestoneStatus = z.infer<typeof reportableMilestoneStatus>;

/** A change of baseline with the reason given for it (a forecast change needs none). */
export const rebaselineSchema = z.strictObject({ from: plannedDate, to: plannedDate, reason: line });

/** A milestone as a workstream reports it (one row of its milestone table). */
export const milestoneViewSchema = z.strictObject({
  id: z.string(),
  workstream: line,
  ref: line.nullable(),
  key: line,
  description: line,
  baselineDate: plannedDate,
  forecastDate: plannedDate,
  status: milestoneStatus,
  completedOn: isoDate.nullable(),
  rebaselines: z.array(rebaselineSchema),
  relatedChangeProposals: z.array(changeProposalIdShape),
  /** Where the workstream's table lists it (the pack's order is not a sort); null: not placed, listed after the placed ones. */
  displayOrder: displayOrder.nullable(),
});
export type MilestoneView = z.infer<typeof milestoneViewSchema>;
