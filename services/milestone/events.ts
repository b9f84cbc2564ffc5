import { z } from 'zod';
import { eventDefinitions, type EventsOf } from '../core/decider.ts';
import { isoDate, milestoneStatus, plannedDate } from '../../schema/values.ts';
import { changeProposalIdShape, relatedChangeProposalsChangedData } from '../core/related-change-proposals.ts';
import { reportableMilestoneStatus } from './view.ts';
import { displayOrderSetData } from '../core/display-order.ts';

const line = z.string().min(1);

export const milestoneBaselinedData = z.strictObject({
  workstream: line,
  ref: line.nullable(),
  key: line,
  description: line,
  baselineDate: plannedDate,
  forecastDate: plannedDate,
  status: reportableMilestoneStatus,
  relatedChangeProposals: z.array(changeProposalIdShape),
});

export const milestoneRebaselinedData = z.strictObject({ from: plannedDate, to: plannedDate, reason: line });

export const milestoneForecastChangedData = z.strictObject({ from: plannedDate, to: plannedDate });

export const milestoneStatusReportedData = z.strictObject({
  from: reportableMilestoneStatus,
  to: reportableMilestoneStatus,
});

/** `from`: the status the milestone was reported at before it completed. */
export const milestoneCompletedData = z.strictObject({ on: isoDate, from: reportableMilestoneStatus });

export const milestoneDescriptionEditedData = z.strictObject({ description: line });

export const milestoneRelatedChangeProposalsChangedData = relatedChangeProposalsChangedData;

export const milestoneDisplayOrderSetData = displayOrderSetData;

export const milestoneCorrectedFields = z.strictObject({
  ref: line.nullable().optional(),
  description: line.optional(),
  baselineDate: plannedDate.optional(),
  forecastDate: plannedDate.optional(),
  status: milestoneStatus.optional(),
  completedOn: isoDate.nullable().optional(),
});

export const milestoneCorrectedData = z.strictObject({ fields: milestoneCorrectedFields, reason: line });

const milestoneEventData = {
  MilestoneBaselined: milestoneBaselinedData,
  MilestoneRebaselined: milestoneRebaselinedData,
  MilestoneForecastChanged: milestoneForecastChangedData,
  MilestoneStatusReported: milestoneStatusReportedData,
  MilestoneCompleted: milestoneCompletedData,
  MilestoneDescriptionEdited: milestoneDescriptionEditedData,
  MilestoneRelatedChangeProposalsChanged: milestoneRelatedChangeProposalsChangedData,
  MilestoneDisplayOrderSet: milestoneDisplayOrderSetData,
  MilestoneCorrected: milestoneCorrectedData,
} as const;

export type MilestoneEventType = keyof typeof milestoneEventData;
export type MilestoneEvent = EventsOf<typeof milestoneEventData>;

export const milestoneEventDefinitions = eventDefinitions(milestoneEventData, 'MilestoneCorrected');
