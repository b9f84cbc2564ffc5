import type { CommandsOf } from '../core/decider.ts';
import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { freeTextTypes, riskId, riskScore } from '../../schema/values.ts';
import { correctionInput } from '../core/corrections.ts';
import { day, evenWhenOtherFieldsFail, optionalInput } from '../core/input-checks.ts';
import { refuseAddAndRemoveOverlap, relatedChangeProposalsInput, relateFields } from '../core/related-change-proposals.ts';

const riskKey = z.string().trim().pipe(riskId);
const mitigationPlan = (rules: RegisterRules) => z.array(freeTextTypes(rules.textLimits).text);
const description = (rules: RegisterRules) => freeTextTypes(rules.textLimits).text;

export const raiseRiskSchema = (rules: RegisterRules) =>
  z.strictObject({
    riskId: riskKey,
    description: description(rules),
    score: riskScore,
    mitigationPlan: mitigationPlan(rules),
    raisedOn: day,
    relatedChangeProposals: relatedChangeProposalsInput(rules),
  });

export const assessRiskScoreSchema = (_rules: RegisterRules) => z.strictObject({ riskId: riskKey, score: riskScore });

export const reviseRiskMitigationSchema = (rules: RegisterRules) =>
  z.strictObject({ riskId: riskKey, mitigationPlan: mitigationPlan(rules) });

export const editRiskDescriptionSchema = (rules: RegisterRules) => z.strictObject({ riskId: riskKey, description: description(rules) });

export const closeRiskSchema = (rules: RegisterRules) =>
  z.strictObject({ riskId: riskKey, on: day, reason: freeTextTypes(rules.textLimits).text.nullable().default(null) });

/** Without a score (or with null) the risk reopens at the score it had when closed. */
export const reopenRiskSchema = (_rules: RegisterRules) => z.strictObject({ riskId: riskKey, score: riskScore.nullable().default(null) });

export const relateRiskToChangeProposalsSchema = (rules: RegisterRules) =>
  z.strictObject({ riskId: riskKey, ...relateFields(rules) }).superRefine(refuseAddAndRemoveOverlap, evenWhenOtherFieldsFail);

export const correctRiskSchema = (rules: RegisterRules) =>
  z.strictObject({
    riskId: riskKey,
    ...correctionInput(rules, {
      description: optionalInput(description(rules)),
      score: optionalInput(riskScore),
      mitigationPlan: optionalInput(mitigationPlan(rules)),
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
