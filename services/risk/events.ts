import { z } from 'zod';
import { eventDefinitions, type EventsOf } from '../core/decider.ts';
import { isoDate, riskId, riskScore } from '../../schema/values.ts';
import { changeProposalIdShape, relatedChangeProposalsChangedData } from '../core/related-change-proposals.ts';

const description = z.string().min(1);
const mitigationPlan = z.array(z.string().min(1));

export const riskRaisedData = z.object({
  riskId,
  description,
  score: riskScore,
  mitigationPlan,
  raisedOn: isoDate,
  relatedChangeProposals: z.array(changeProposalIdShape),
});
export const riskScoreAssessedData = z.object({ from: riskScore, to: riskScore });
export const riskMitigationRevisedData = z.object({ mitigationPlan });
export const riskDescriptionEditedData = z.object({ description });
/** `reason` is kept with the fact: why a risk was closed is what a reader asks next. */
export const riskClosedData = z.object({ on: isoDate, reason: z.string().min(1).nullable() });
/** The score the reopened risk carries (its last score unless reassessed on reopening). */
export const riskReopenedData = z.object({ score: riskScore });
export const riskRelatedChangeProposalsChangedData = relatedChangeProposalsChangedData;
export const riskCorrectedData = z.object({
  fields: z.object({
    description: description.optional(),
    score: riskScore.optional(),
    mitigationPlan: mitigationPlan.optional(),
    raisedOn: isoDate.optional(),
  }),
  reason: z.string().min(1),
});

const riskEventData = {
  RiskRaised: riskRaisedData,
  RiskScoreAssessed: riskScoreAssessedData,
  RiskMitigationRevised: riskMitigationRevisedData,
  RiskDescriptionEdited: riskDescriptionEditedData,
  RiskClosed: riskClosedData,
  RiskReopened: riskReopenedData,
  RiskRelatedChangeProposalsChanged: riskRelatedChangeProposalsChangedData,
  RiskCorrected: riskCorrectedData,
} as const;

export type RiskEventType = keyof typeof riskEventData;
export type RiskEvent = EventsOf<typeof riskEventData>;
export type RiskCorrectableFields = z.infer<typeof riskCorrectedData>['fields'];

export const riskEventDefinitions = eventDefinitions(riskEventData, 'RiskCorrected');
