import { z } from 'zod';
import { eventDefinitions, type EventsOf } from '../core/decider.ts';
import { actionRef, actionStatus, isoDate } from '../../schema/values.ts';
import { changeProposalIdShape, relatedChangeProposalsChangedData } from '../core/related-change-proposals.ts';
import { actionOwnerSchema } from './owner.ts';

const actionText = z.string().min(1);
const update = z.string().min(1);

export const actionRaisedData = z.object({
  ref: actionRef,
  meeting: z.number().int().positive(),
  raisedOn: isoDate,
  text: actionText,
  owner: actionOwnerSchema,
  dueDate: isoDate.nullable(),
  relatedChangeProposals: z.array(changeProposalIdShape),
});
export const actionUpdateGivenData = z.object({ update });
export const actionDueDateChangedData = z.object({ from: isoDate.nullable(), to: isoDate.nullable() });
export const actionReassignedData = z.object({ from: actionOwnerSchema, to: actionOwnerSchema });
/** `update: null` keeps the update the action already had. */
export const actionRecommendedClosedData = z.object({ update: update.nullable() });
export const actionClosedData = z.object({ update: update.nullable() });
export const actionReopenedData = z.object({ from: actionStatus, update: update.nullable() });
export const actionRelatedChangeProposalsChangedData = relatedChangeProposalsChangedData;
export const actionCorrectedData = z.object({
  fields: z.object({
    raisedOn: isoDate.optional(),
    text: actionText.optional(),
    owner: actionOwnerSchema.optional(),
    dueDate: isoDate.nullable().optional(),
    update: update.nullable().optional(),
  }),
  reason: z.string().min(1),
});

const actionEventData = {
  ActionRaised: actionRaisedData,
  ActionUpdateGiven: actionUpdateGivenData,
  ActionDueDateChanged: actionDueDateChangedData,
  ActionReassigned: actionReassignedData,
  ActionRecommendedClosed: actionRecommendedClosedData,
  ActionClosed: actionClosedData,
  ActionReopened: actionReopenedData,
  ActionRelatedChangeProposalsChanged: actionRelatedChangeProposalsChangedData,
  ActionCorrected: actionCorrectedData,
} as const;

export type ActionEventType = keyof typeof actionEventData;
export type ActionEvent = EventsOf<typeof actionEventData>;
export type ActionCorrectableFields = z.infer<typeof actionCorrectedData>['fields'];

export const actionEventDefinitions = eventDefinitions(actionEventData, 'ActionCorrected');
