import { z } from 'zod';
import { eventDefinitions, type EventsOf } from '../core/decider.ts';
import { isoDate } from '../../schema/values.ts';
import { signedTreeHeadSchema } from '../transparency/tree-head.ts';
import { agendaFromTitles, agendaItemSchema } from './agenda.ts';
import { forwardPlanSchema, meetingDocumentSchema, nextStepsSchema } from './papers.ts';
import { boundaryPosition, meetingNumber, registerDigest } from './view.ts';

/** Version 2: each item with its objective, type, lead and time slot; version 1 had the titles only. */
const agenda = z.array(agendaItemSchema);

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
/** The pack's cover as issued: a later version is recorded again. */
export const meetingDocumentRecordedData = z.object({ number: meetingNumber, ...meetingDocumentSchema.shape });
export const meetingNextStepsRecordedData = z.object({ number: meetingNumber, nextSteps: nextStepsSchema });
export const meetingForwardPlanRecordedData = z.object({ number: meetingNumber, ...forwardPlanSchema.shape });
export const meetingCorrectedData = z.object({
  number: meetingNumber,
  fields: z.object({
    date: isoDate.optional(),
    agenda: agenda.optional(),
    heldOn: isoDate.optional(),
    document: meetingDocumentSchema.optional(),
    nextSteps: nextStepsSchema.optional(),
    forwardPlan: forwardPlanSchema.optional(),
  }),
  reason: z.string().min(1),
});

const meetingEventData = {
  MeetingScheduled: meetingScheduledData,
  MeetingRescheduled: meetingRescheduledData,
  MeetingAgendaPlanned: meetingAgendaPlannedData,
  MeetingHeld: meetingHeldData,
  MeetingDocumentRecorded: meetingDocumentRecordedData,
  MeetingNextStepsRecorded: meetingNextStepsRecordedData,
  MeetingForwardPlanRecorded: meetingForwardPlanRecordedData,
  MeetingCorrected: meetingCorrectedData,
} as const;

export type MeetingEventType = keyof typeof meetingEventData;
export type MeetingEvent = EventsOf<typeof meetingEventData>;
export type MeetingCorrectableFields = z.infer<typeof meetingCorrectedData>['fields'];

type Data = Record<string, unknown>;
const withAgendaItems = (data: unknown): unknown => ({ ...(data as Data), agenda: agendaFromTitles((data as Data)['agenda']) });

export const meetingEventDefinitions = eventDefinitions(meetingEventData, 'MeetingCorrected', {
  MeetingScheduled: { version: 2, upcasters: { 1: withAgendaItems } },
  MeetingAgendaPlanned: { version: 2, upcasters: { 1: withAgendaItems } },
  MeetingCorrected: {
    version: 2,
    upcasters: {
      1: (data) => {
        const fields = (data as Data)['fields'] as Data;
        return { ...(data as Data), fields: 'agenda' in fields ? withAgendaItems(fields) : fields };
      },
    },
  },
  // A meeting held before signed tree heads keeps its stream-head digest, which `ccag verify` still recomputes.
  MeetingHeld: { version: 2, upcasters: { 1: (data) => ({ ...(data as Record<string, unknown>), treeHead: null }) } },
});
