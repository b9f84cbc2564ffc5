import type { CommandsOf } from '../core/decider.ts';
import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { freeTextTypes } from '../../schema/values.ts';
import { correctionInput } from '../core/corrections.ts';
import { day, defaultedInput, optionalInput } from '../core/input-checks.ts';
import { signedTreeHeadSchema } from '../transparency/tree-head.ts';
import { boundaryPosition, meetingNumber, registerDigest } from './view.ts';

const agenda = (rules: RegisterRules) => z.array(freeTextTypes(rules.textLimits).title);

export const scheduleMeetingSchema = (rules: RegisterRules) =>
  z.strictObject({ number: meetingNumber, date: day, agenda: defaultedInput(agenda(rules), []) });

export const rescheduleMeetingSchema = (_rules: RegisterRules) => z.strictObject({ number: meetingNumber, date: day });

export const planMeetingAgendaSchema = (rules: RegisterRules) => z.strictObject({ number: meetingNumber, agenda: agenda(rules) });

/** What a caller gives to hold a meeting: the register freezes the pack itself. */
export const holdMeetingInputSchema = (_rules: RegisterRules) => z.strictObject({ number: meetingNumber, heldOn: day });

/** What the decider records: the input, with the boundary and digest the application service computed. */
export const holdMeetingSchema = (rules: RegisterRules) =>
  holdMeetingInputSchema(rules).extend({
    boundaryPosition: z.string().trim().pipe(boundaryPosition),
    digest: registerDigest,
    treeHead: signedTreeHeadSchema,
  });

export const correctMeetingSchema = (rules: RegisterRules) =>
  z.strictObject({
    number: meetingNumber,
    ...correctionInput(rules, { date: optionalInput(day), agenda: optionalInput(agenda(rules)), heldOn: optionalInput(day) }),
  });

export const meetingCommandSchemas = {
  ScheduleMeeting: scheduleMeetingSchema,
  RescheduleMeeting: rescheduleMeetingSchema,
  PlanMeetingAgenda: planMeetingAgendaSchema,
  HoldMeeting: holdMeetingSchema,
  CorrectMeeting: correctMeetingSchema,
} satisfies Record<string, (rules: RegisterRules) => z.ZodType>;

/** The schemas of what callers send: as the decider's, but a hold is only its number and day. */
export const meetingInputSchemas = { ...meetingCommandSchemas, HoldMeeting: holdMeetingInputSchema };

export type MeetingCommandType = keyof typeof meetingCommandSchemas;
export type MeetingCommand = CommandsOf<typeof meetingCommandSchemas>;
