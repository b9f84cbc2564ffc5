import { z } from 'zod';
import { eventDefinitions, type EventsOf } from '../core/decider.ts';
import { isoDate } from '../../schema/values.ts';
import { boundaryPosition, meetingNumber, registerDigest } from './view.ts';

const agenda = z.array(z.string().min(1));

export const meetingScheduledData = z.object({ number: meetingNumber, date: isoDate, agenda });
export const meetingRescheduledData = z.object({ number: meetingNumber, from: isoDate, to: isoDate });
export const meetingAgendaPlannedData = z.object({ number: meetingNumber, agenda });
export const meetingHeldData = z.object({ number: meetingNumber, heldOn: isoDate, boundaryPosition, digest: registerDigest });
export const meetingCorrectedData = z.object({
  number: meetingNumber,
  fields: z.object({ date: isoDate.optional(), agenda: agenda.optional(), heldOn: isoDate.optional() }),
  reason: z.string().min(1),
});

const meetingEventData = {
  MeetingScheduled: meetingScheduledData,
  MeetingRescheduled: meetingRescheduledData,
  MeetingAgendaPlanned: meetingAgendaPlannedData,
  MeetingHeld: meetingHeldData,
  MeetingCorrected: meetingCorrectedData,
} as const;

export type MeetingEventType = keyof typeof meetingEventData;
export type MeetingEvent = EventsOf<typeof meetingEventData>;
export type MeetingCorrectableFields = z.infer<typeof meetingCorrectedData>['fields'];

export const meetingEventDefinitions = eventDefinitions(meetingEventData, 'MeetingCorrected');
