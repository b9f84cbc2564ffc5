import type { CommandsOf } from '../core/decider.ts';
import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { riskId, riskScore, text } from '../../schema/values.ts';
import { correctionInput } from '../core/corrections.ts';
import { day, evenWhenOtherFieldsFail, optionalInput } from '../core/input-checks.ts';
import {
  refuseAddAndRemoveOverlap,
  relatedChangeProposalsInput,
  relateFields,
} from '../core/related-change-proposals.ts';

const riskKey = z.string().trim().pipe(riskId);
const mitigationPlan = z.array(text);

export const raiseRiskSchema = (rules: RegisterRules) =>
  z.strictObject({
    riskId: riskKey,
    description: text,
    score: riskScore,
    mitigationPlan,
    raisedOn: day,
    relatedChangeProposals: relatedChangeProposalsInput(rules),
  });

export const assessRiskScoreSchema = (_rules: RegisterRules) => z.strictObject({ riskId: riskKey, score: riskScore });

export const reviseRiskMitigationSchema = (_rules: RegisterRules) =>
  z.strictObject({ riskId: riskKey, mitigationPlan });

export const editRiskDescriptionSchema = (_rules: RegisterRules) =>
  z.strictObject({ riskId: riskKey, description: text });

export const closeRiskSchema = (_rules: RegisterRules) =>
  z.strictObject({ riskId: riskKey, on: day, reason: text.nullable().default(null) });

/** Without a score (or with null) the risk reopens at the score it had when closed. */
export const reopenRiskSchema = (_rules: RegisterRules) =>
  z.strictObject({ riskId: riskKey, score: riskScore.nullable().default(null) });

export const relateRiskToChangeProposalsSchema = (rules: RegisterRules) =>
  z.strictObject({ riskId: riskKey, ...relateFields(rules) }).superRefine(refuseAddAndRemoveOverlap, evenWhenOtherFieldsFail);

export const correctRiskSchema = (_rules: RegisterRules) =>
  z.strictObject({
    riskId: riskKey,
    ...correctionInput({
      description: optionalInput(text),
      score: optionalInput(riskScore),
      mitigationPlan: optionalInput(mitigationPlan),
      raisedOn: optionalInput(day),
    }),
  });

export const riskCommandSchemas = {
  RaiseRisk: raiseRiskSchema,
  AssessRiskScore: assessRiskScoreSchema,
  ReviseRiskMitigation: reviseRiskMitigationSchema,
  EditRiskDescription: editRiskDescriptionSchema,
  CloseRisk: closeRiskSchema,
  ReopenRisk: reopenRiskSchema,
  RelateRiskToChangeProposals: relateRiskToChangeProposalsSchema,
  CorrectRisk: correctRiskSchema,
} satisfies Record<string, (rules: RegisterRules) => z.ZodType>;

export type RiskCommandType = keyof typeof riskCommandSchemas;
export type RiskCommand = CommandsOf<typeof riskCommandSchemas>;
