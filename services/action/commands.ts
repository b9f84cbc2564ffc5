import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { actionRef, isoDate, text } from '../../schema/values.ts';
import { refuseEmptyCorrection } from '../risk/corrections.ts';
import {
  changeProposalIdList,
  refuseAddAndRemoveTogether,
  relateFields,
  whenAddAndRemoveAreLists,
} from '../risk/related-change-proposals.ts';
import { dueDateProblem } from './due-date.ts';
import { actionOwnerInput } from './owner.ts';

const ref = z.string().trim().pipe(actionRef);
const day = z.string().trim().pipe(isoDate);
const optionalUpdate = text.nullable().default(null);

export const raiseActionSchema = (rules: RegisterRules) =>
  z
    .strictObject({
      ref,
      raisedOn: day,
      text,
      owner: actionOwnerInput,
      dueDate: day.nullable().default(null),
      relatedChangeProposals: changeProposalIdList(rules).default([]),
    })
    .superRefine(
      (action, ctx) => {
        const problem = dueDateProblem(action.raisedOn, action.dueDate);
        if (problem) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: problem });
      },
      // Checked even when another field is wrong, so every mistake is reported at once.
      { when: (payload) => datesParsed(payload.value, ['raisedOn', 'dueDate']) },
    );

export const updateActionSchema = (_rules: RegisterRules) => z.strictObject({ ref, update: text });

export const changeActionDueDateSchema = (_rules: RegisterRules) => z.strictObject({ ref, dueDate: day.nullable() });

export const reassignActionSchema = (_rules: RegisterRules) => z.strictObject({ ref, owner: actionOwnerInput });

export const recommendActionClosedSchema = (_rules: RegisterRules) => z.strictObject({ ref, update: optionalUpdate });

export const closeActionSchema = (_rules: RegisterRules) => z.strictObject({ ref, update: optionalUpdate });

export const reopenActionSchema = (_rules: RegisterRules) => z.strictObject({ ref, update: optionalUpdate });

export const relateActionToChangeProposalsSchema = (rules: RegisterRules) =>
  z.strictObject({ ref, ...relateFields(rules) }).superRefine(refuseAddAndRemoveTogether, whenAddAndRemoveAreLists);

export const correctActionSchema = (_rules: RegisterRules) =>
  z.strictObject({
    ref,
    fields: z
      .strictObject({
        raisedOn: day.optional(),
        text: text.optional(),
        owner: actionOwnerInput.optional(),
        dueDate: day.nullable().optional(),
        update: text.nullable().optional(),
      })
      .superRefine(refuseEmptyCorrection),
    reason: text,
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
export type ActionCommand = {
  [T in ActionCommandType]: { type: T; data: z.infer<ReturnType<(typeof actionCommandSchemas)[T]>> };
}[ActionCommandType];

function datesParsed(value: unknown, keys: readonly string[]): boolean {
  const record = value as Record<string, unknown> | null;
  return keys.every((key) => {
    const date = record?.[key];
    return date === null || isoDate.safeParse(date).success;
  });
}
