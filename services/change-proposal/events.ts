import { z } from 'zod';
import { eventDefinitions, type EventsOf } from '../core/decider.ts';
import { displayOrderSetData } from '../core/display-order.ts';
import { changeProposalStatus, isoDate, plannedDate } from '../../schema/values.ts';
import { changeProposalIdShape, relatedChangeProposalsChangedData } from '../core/related-change-proposals.ts';
import { changeProposalUpdateSchema, closedChangeProposalStatus, keyDateSchema, openChangeProposalStatus } from './view.ts';

const line = z.string().min(1);
const codeBody = z.string().regex(/^[A-Z][A-Z0-9]{1,11}$/);
const release = line.nullable();

export const changeProposalRaisedData = z.strictObject({
  codeBody,
  ref: line,
  title: line,
  summary: line,
  stakeholderPositions: line.nullable(),
  raisedOn: isoDate,
  status: openChangeProposalStatus,
  decisionDate: plannedDate,
  mhhsImpact: line,
  keyDates: z.array(keyDateSchema),
  release,
  relatedChangeProposals: z.array(changeProposalIdShape),
});

/** Only the fields that changed. */
export const changeProposalDetailsEditedData = z.strictObject({
  title: line.optional(),
  summary: line.optional(),
  stakeholderPositions: line.nullable().optional(),
  mhhsImpact: line.optional(),
});

/** Withdrawal has its own event (with date and statement); rejection is a status. */
export const changeProposalStatusChangedData = z.strictObject({
  from: openChangeProposalStatus,
  to: changeProposalStatus.exclude(['Withdrawn']),
});

export const decisionDateChangedData = z.strictObject({ from: plannedDate, to: plannedDate });

export const changeProposalUpdateAddedData = changeProposalUpdateSchema;

export const keyDatesSetData = z.strictObject({ keyDates: z.array(keyDateSchema) });

export const changeProposalAssignedToReleaseData = z.strictObject({ from: release, to: release });

export const changeProposalWithdrawnData = z.strictObject({
  on: isoDate,
  statement: line,
  from: openChangeProposalStatus,
});

export const changeProposalReinstatedData = z.strictObject({
  from: closedChangeProposalStatus,
  to: openChangeProposalStatus,
});

export const changeProposalRelatedChangeProposalsChangedData = relatedChangeProposalsChangedData;

export const changeProposalCorrectedFields = z.strictObject({
  title: line.optional(),
  summary: line.optional(),
  stakeholderPositions: line.nullable().optional(),
  raisedOn: isoDate.optional(),
  decisionDate: plannedDate.optional(),
  mhhsImpact: line.optional(),
  keyDates: z.array(keyDateSchema).optional(),
  release: release.optional(),
  updates: z.array(changeProposalUpdateSchema).optional(),
});

export const changeProposalCorrectedData = z.strictObject({
  fields: changeProposalCorrectedFields,
  reason: line,
});

const changeProposalEventData = {
  ChangeProposalRaised: changeProposalRaisedData,
  ChangeProposalDetailsEdited: changeProposalDetailsEditedData,
  ChangeProposalStatusChanged: changeProposalStatusChangedData,
  DecisionDateChanged: decisionDateChangedData,
  ChangeProposalUpdateAdded: changeProposalUpdateAddedData,
  KeyDatesSet: keyDatesSetData,
  ChangeProposalAssignedToRelease: changeProposalAssignedToReleaseData,
  ChangeProposalWithdrawn: changeProposalWithdrawnData,
  ChangeProposalReinstated: changeProposalReinstatedData,
  ChangeProposalRelatedChangeProposalsChanged: changeProposalRelatedChangeProposalsChangedData,
  ChangeProposalDisplayOrderSet: displayOrderSetData,
  ChangeProposalCorrected: changeProposalCorrectedData,
} as const;

export type ChangeProposalEventType = keyof typeof changeProposalEventData;
export type ChangeProposalEvent = EventsOf<typeof changeProposalEventData>;

export const changeProposalEventDefinitions = eventDefinitions(changeProposalEventData, 'ChangeProposalCorrected');
