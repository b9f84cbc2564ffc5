import type { CommandsOf } from '../core/decider.ts';
import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { actionRef, freeTextTypes, isoDate } from '../../schema/values.ts';
import { correctionInput } from '../core/corrections.ts';
import { day, evenWhenOtherFieldsFail, optionalInput } from '../core/input-checks.ts';
import { refuseAddAndRemoveOverlap, relatedChangeProposalsInput, relateFields } from '../core/related-change-proposals.ts';
import { dueDateProblem } from './due-date.ts';
import { actionOwnerInput } from './owner.ts';

const ref = z.string().trim().pipe(actionRef);
const actionText = (rules: RegisterRules) => freeTextTypes(rules.textLimits).text;
const optionalUpdate = (rules: RegisterRules) => actionText(rules).nullable().default(null);

export const raiseActionSchema = (rules: RegisterRules) =>
  z
    .strictObject({
      ref,
      raisedOn: day,
      text: actionText(rules),
      owner: actionOwnerInput(rules),
      dueDate: day.nullable().default(null),
      relatedChangeProposals: relatedChangeProposalsInput(rules),
    })
    .superRefine(
      (action, ctx) => {
        const problem = dueDateProblem(action.raisedOn, action.dueDate);
        if (problem) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: problem });
      },
      // Checked even when another field is wrong, so every mistake is reported at once.
      { when: (payload) => datesParsed(payload.value, ['raisedOn', 'dueDate']) },
    );

export const updateActionSchema = (rules: RegisterRules) => z.strictObject({ ref, update: actionText(rules) });

export const changeActionDueDateSchema = (_rules: RegisterRules) => z.strictObject({ ref, dueDate: day.nullable() });

export const reassignActionSchema = (rules: RegisterRules) => z.strictObject({ ref, owner: actionOwnerInput(rules) });

export const recommendActionClosedSchema = (rules: RegisterRules) => z.strictObject({ ref, update: optionalUpdate(rules) });

export const closeActionSchema = (rules: RegisterRules) => z.strictObject({ ref, update: optionalUpdate(rules) });

export const reopenActionSchema = (rules: RegisterRules) => z.strictObject({ ref, update: optionalUpdate(rules) });

export const relateActionToChangeProposalsSchema = (rules: RegisterRules) =>
  z.strictObject({ ref, ...relateFields(rules) }).superRefine(refuseAddAndRemoveOverlap, evenWhenOtherFieldsFail);

export const correctActionSchema = (rules: RegisterRules) =>
  z.strictObject({
    ref,
    ...correctionInput(rules, {
      raisedOn: optionalInput(day),
      text: optionalInput(actionText(rules)),
      owner: optionalInput(actionOwnerInput(rules)),
      // Null clears these: an action may have no due date and no update.
      dueDate: day.nullable().optional(),
      update: actionText(rules).nullable().optional(),
    }),
  });

export const actionCommandSchemas = {
  RaiseAction: raiseActionSchema,
  UpdateAction: updateActionSchema,
  ChangeActionDueDate: changeActionDueDateSchema,
  ReassignAction: reassignActionSchema,
  RecommendActionClosed: recommendActionClosedSchema,
  CloseAction: closeActionSchema,
  ReopenAction: reopenActionSchema,
  RelateActionToChangeProposals: relateActionToChangeProposalsSchema,
  CorrectAction: correctActionSchema,
} satisfies Record<string, (rules: RegisterRules) => z.ZodType>;

export type ActionCommandType = keyof typeof actionCommandSchemas;
export type ActionCommand = CommandsOf<typeof actionCommandSchemas>;

function datesParsed(value: unknown, keys: readonly string[]): boolean {
  const record = value as Record<string, unknown> | null;
  return keys.every((key) => {
    const date = record?.[key];
    return date === null || isoDate.safeParse(date).success;
  });
}
