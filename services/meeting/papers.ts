import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { freeTextTypes } from '../../schema/values.ts';

/*
 * What a meeting's pack says about the meeting itself: the document's cover (reference,
 * version, classification), the "Next steps" list, and the meeting's column of the forward
 * plan (relevant milestones or activities, agenda items, standing items).
 */

const line = z.string().min(1);

/** The pack's cover: "MHHS-DEL3283", "Version 1.0", "Document Classification: Public". */
export const meetingDocumentSchema = z.strictObject({ reference: line, version: line, classification: line });
export type MeetingDocument = z.infer<typeof meetingDocumentSchema>;

/** One meeting's column of the pack's forward plan. */
export const forwardPlanSchema = z.strictObject({
  activities: z.array(line),
  agendaItems: z.array(line),
  standingItems: z.array(line),
});
export type ForwardPlan = z.infer<typeof forwardPlanSchema>;

export const nextStepsSchema = z.array(line);

/** "Version 1.0" is version 1.0: the word is the cover's, not the value's. */
const versionInput = (rules: RegisterRules) =>
  z.preprocess((v) => (typeof v === 'string' ? v.replace(/^\s*version\s+/i, '') : v), freeTextTypes(rules.textLimits).title);

/** "Document Classification: Public" is Public. */
const classificationInput = (rules: RegisterRules) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/^\s*(document\s+)?classification\s*:\s*/i, '') : v),
    freeTextTypes(rules.textLimits).title,
  );

export const meetingDocumentInput = (rules: RegisterRules) =>
  z.strictObject({
    reference: freeTextTypes(rules.textLimits).title,
    version: versionInput(rules),
    classification: classificationInput(rules),
  });

const lines = (rules: RegisterRules) => z.array(freeTextTypes(rules.textLimits).text);
const emptyWhenNull = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === null || v === undefined ? [] : v), schema);

export const nextStepsInput = (rules: RegisterRules) => lines(rules);

export const forwardPlanInput = (rules: RegisterRules) => {
  const titles = emptyWhenNull(z.array(freeTextTypes(rules.textLimits).title));
  return z.strictObject({ activities: titles, agendaItems: titles, standingItems: titles });
};
