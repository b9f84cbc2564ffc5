import type { CommandsOf } from '../core/decider.ts';
import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { text } from '../../schema/values.ts';
import { correctionInput } from '../core/corrections.ts';
import { day, defaultedInput, optionalInput } from '../core/input-checks.ts';
import { boundaryPosition, meetingNumber, registerDigest } from './view.ts';

const agenda = z.array(text);

export const scheduleMeetingSchema = (_rules: RegisterRules) =>
  z.strictObject({ number: meetingNumber, date: day, agenda: defaultedInput(agenda, []) });

export const rescheduleMeetingSchema = (_rules: RegisterRules) => z.strictObject({ number: meetingNumber, date: day });

export const planMeetingAgendaSchema = (_rules: RegisterRules) => z.strictObject({ number: meetingNumber, agenda });

/** The handler computes the boundary and digest when the pack is frozen; the decider only records them. */
export const holdMeetingSchema = (_rules: RegisterRules) =>
  z.strictObject({
    number: meetingNumber,
    heldOn: day,
    boundaryPosition: z.string().trim().pipe(boundaryPosition),
    digest: registerDigest,
  });

export const correctMeetingSchema = (_rules: RegisterRules) =>
  z.strictObject({
    number: meetingNumber,
    ...correctionInput({ date: optionalInput(day), agenda: optionalInput(agenda), heldOn: optionalInput(day) }),
  });

export const meetingCommandSchemas = {
  ScheduleMeeting: scheduleMeetingSchema,
  RescheduleMeeting: rescheduleMeetingSchema,
  PlanMeetingAgenda: planMeetingAgendaSchema,
  HoldMeeting: holdMeetingSchema,
  CorrectMeeting: correctMeetingSchema,
} satisfies Record<string, (rules: RegisterRules) => z.ZodType>;

export type MeetingCommandType = keyof typeof meetingCommandSchemas;
export type MeetingCommand = CommandsOf<typeof meetingCommandSchemas>;
