import { z } from 'zod';
import { eventDefinitions, type EventsOf } from '../core/decider.ts';
import { isoDate } from '../../schema/values.ts';
import { signedTreeHeadSchema } from '../transparency/tree-head.ts';
import { boundaryPosition, meetingNumber, registerDigest } from './view.ts';

const agenda = z.array(z.string().min(1));

export const meetingScheduledData = z.object({ number: meetingNumber, date: isoDate, agenda });
export const meetingRescheduledData = z.object({ number: meetingNumber, from: isoDate, to: isoDate });
export const meetingAgendaPlannedData = z.object({ number: meetingNumber, agenda });
/** Version 2: the signed tree head the meeting froze (its root is the digest); version 1 had the stream-head digest only. */
export const meetingHeldData = z.object({
  number: meetingNumber,
  heldOn: isoDate,
  boundaryPosition,
  digest: registerDigest,
  treeHead: signedTreeHeadSchema.nullable(),
});
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

export const meetingEventDefinitions = eventDefinitions(meetingEventData, 'MeetingCorrected', {
  // A meeting held before signed tree heads keeps its stream-head digest, which `ccag verify` still recomputes.
  MeetingHeld: { version: 2, upcasters: { 1: (data) => ({ ...(data as Record<string, unknown>), treeHead: null }) } },
});
