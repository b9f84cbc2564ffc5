import type { CommandsOf } from '../core/decider.ts';
import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { freeTextTypes, milestoneStatus } from '../../schema/values.ts';
import { plannedDateInput } from '../../schema/date-inputs.ts';
import { correctionInput } from '../core/corrections.ts';
import { day, defaultedInput, evenWhenOtherFieldsFail, optionalInput, reportIssues, workstreamInput } from '../core/input-checks.ts';
import { refuseAddAndRemoveOverlap, relatedChangeProposalsInput, relateFields } from '../core/related-change-proposals.ts';
import { displayOrderInput } from '../core/display-order.ts';
import { milestoneKeyIssues, milestoneRefMessage, milestoneRefPattern } from './key.ts';

const reference = (rules: RegisterRules) => freeTextTypes(rules.textLimits).title.regex(milestoneRefPattern, milestoneRefMessage);
const description = (rules: RegisterRules) => freeTextTypes(rules.textLimits).text;

/** Complete is not reported: CompleteMilestone records the day it completed. */
const reportedStatus = milestoneStatus.exclude(['Complete'], {
  error: (issue) => (issue.input === 'Complete' ? 'use CompleteMilestone (it records the day the milestone completed)' : undefined),
});

/**
 * Every command after the first names the milestone by workstream and key; the key may be
 * given as the milestone's reference or description, which the register resolves.
 */
function milestoneInput<Shape extends z.core.$ZodLooseShape>(rules: RegisterRules, shape: Shape) {
  return z.strictObject({ workstream: workstreamInput(rules), key: freeTextTypes(rules.textLimits).title, ...shape });
}

/** Without forecastDate the forecast is the baseline. */
export const baselineMilestoneSchema = (rules: RegisterRules) =>
  z
    .strictObject({
      workstream: workstreamInput(rules),
      ref: reference(rules).nullable().default(null),
      key: optionalInput(reference(rules)),
      description: description(rules),
      baselineDate: plannedDateInput,
      forecastDate: optionalInput(plannedDateInput),
      status: defaultedInput(reportedStatus, 'Green'),
      relatedChangeProposals: relatedChangeProposalsInput(rules),
    })
    .superRefine((data, ctx) => reportIssues(ctx, milestoneKeyIssues(data)), evenWhenOtherFieldsFail);

export const rebaselineMilestoneSchema = (rules: RegisterRules) =>
  milestoneInput(rules, { baselineDate: plannedDateInput, reason: freeTextTypes(rules.textLimits).text });

export const forecastMilestoneSchema = (rules: RegisterRules) => milestoneInput(rules, { forecastDate: plannedDateInput });

export const reportMilestoneStatusSchema = (rules: RegisterRules) => milestoneInput(rules, { status: reportedStatus });

export const completeMilestoneSchema = (rules: RegisterRules) => milestoneInput(rules, { on: day });

export const editMilestoneDescriptionSchema = (rules: RegisterRules) => milestoneInput(rules, { description: description(rules) });

export const relateMilestoneToChangeProposalsSchema = (rules: RegisterRules) =>
  milestoneInput(rules, relateFields(rules)).superRefine(refuseAddAndRemoveOverlap, evenWhenOtherFieldsFail);

export const setMilestoneDisplayOrderSchema = (rules: RegisterRules) => milestoneInput(rules, { displayOrder: displayOrderInput });

export const correctMilestoneSchema = (rules: RegisterRules) =>
  milestoneInput(
    rules,
    correctionInput(rules, {
      ref: reference(rules).nullable().optional(),
      description: optionalInput(description(rules)),
      baselineDate: optionalInput(plannedDateInput),
      forecastDate: optionalInput(plannedDateInput),
      status: optionalInput(milestoneStatus),
      completedOn: day.nullable().optional(),
    }),
  );

export const milestoneCommandSchemas = {
  BaselineMilestone: baselineMilestoneSchema,
  RebaselineMilestone: rebaselineMilestoneSchema,
  ForecastMilestone: forecastMilestoneSchema,
  ReportMilestoneStatus: reportMilestoneStatusSchema,
  CompleteMilestone: completeMilestoneSchema,
  EditMilestoneDescription: editMilestoneDescriptionSchema,
  RelateMilestoneToChangeProposals: relateMilestoneToChangeProposalsSchema,
  SetMilestoneDisplayOrder: setMilestoneDisplayOrderSchema,
  CorrectMilestone: correctMilestoneSchema,
} satisfies Record<string, (rules: RegisterRules) => z.ZodType>;

export type MilestoneCommandType = keyof typeof milestoneCommandSchemas;
export type MilestoneCommand = CommandsOf<typeof milestoneCommandSchemas>;
export type MilestoneCommandData<T extends MilestoneCommandType> = Extract<MilestoneCommand, { type: T }>['data'];
