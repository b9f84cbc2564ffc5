import type { CommandsOf } from '../core/decider.ts';
import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { correctionInput } from '../core/corrections.ts';
import { day, evenWhenOtherFieldsFail, optionalInput } from '../core/input-checks.ts';
import { signedTreeHeadSchema } from '../transparency/tree-head.ts';
import { agendaInputShape, mergedAgenda, refuseTwoAgendas } from './agenda.ts';
import { forwardPlanInput, meetingDocumentInput, nextStepsInput } from './papers.ts';
import { boundaryPosition, meetingNumber, registerDigest } from './view.ts';

export const scheduleMeetingSchema = (rules: RegisterRules) =>
  z
    .strictObject({ number: meetingNumber, date: day, ...agendaInputShape(rules) })
    .superRefine(refuseTwoAgendas(false), evenWhenOtherFieldsFail)
    .transform((data) => ({ agenda: [], ...mergedAgenda(data) }));

export const rescheduleMeetingSchema = (_rules: RegisterRules) => z.strictObject({ number: meetingNumber, date: day });

export const planMeetingAgendaSchema = (rules: RegisterRules) =>
  z
    .strictObject({ number: meetingNumber, ...agendaInputShape(rules) })
    .superRefine(refuseTwoAgendas(true), evenWhenOtherFieldsFail)
    .transform((data) => ({ agenda: [], ...mergedAgenda(data) }));

/** What a caller gives to hold a meeting: the register freezes the pack itself. */
export const holdMeetingInputSchema = (_rules: RegisterRules) => z.strictObject({ number: meetingNumber, heldOn: day });

/** What the decider records: the input, with the boundary and digest the application service computed. */
export const holdMeetingSchema = (rules: RegisterRules) =>
  holdMeetingInputSchema(rules).extend({
    boundaryPosition: z.string().trim().pipe(boundaryPosition),
    digest: registerDigest,
    treeHead: signedTreeHeadSchema,
  });

/** The pack's cover; recorded again for each version issued, before or after the meeting. */
export const recordMeetingDocumentSchema = (rules: RegisterRules) => meetingDocumentInput(rules).extend({ number: meetingNumber });

export const recordMeetingNextStepsSchema = (rules: RegisterRules) =>
  z.strictObject({ number: meetingNumber, nextSteps: nextStepsInput(rules) });

export const recordForwardPlanSchema = (rules: RegisterRules) => forwardPlanInput(rules).extend({ number: meetingNumber });

export const correctMeetingSchema = (rules: RegisterRules) => {
  const correction = correctionInput(rules, {
    date: optionalInput(day),
    heldOn: optionalInput(day),
    ...agendaInputShape(rules),
    document: optionalInput(meetingDocumentInput(rules)),
    nextSteps: optionalInput(nextStepsInput(rules)),
    forwardPlan: optionalInput(forwardPlanInput(rules)),
  });
  return z.strictObject({
    number: meetingNumber,
    fields: correction.fields.superRefine(refuseTwoAgendas(false), evenWhenOtherFieldsFail).transform(mergedAgenda),
    reason: correction.reason,
  });
};

export const meetingCommandSchemas = {
  ScheduleMeeting: scheduleMeetingSchema,
  RescheduleMeeting: rescheduleMeetingSchema,
  PlanMeetingAgenda: planMeetingAgendaSchema,
  HoldMeeting: holdMeetingSchema,
  RecordMeetingDocument: recordMeetingDocumentSchema,
  RecordMeetingNextSteps: recordMeetingNextStepsSchema,
  RecordForwardPlan: recordForwardPlanSchema,
  CorrectMeeting: correctMeetingSchema,
} satisfies Record<string, (rules: RegisterRules) => z.ZodType>;

/** The schemas of what callers send: as the decider's, but a hold is only its number and day. */
export const meetingInputSchemas = { ...meetingCommandSchemas, HoldMeeting: holdMeetingInputSchema };

export type MeetingCommandType = keyof typeof meetingCommandSchemas;
export type MeetingCommand = CommandsOf<typeof meetingCommandSchemas>;
