import { z } from 'zod';
import { eventDefinitions, type EventsOf } from '../core/decider.ts';
import { meetingNumber } from '../meeting/view.ts';
import { ragStatus, workstreamReportTexts } from './view.ts';

const line = z.string().min(1);

export const workstreamReportSubmittedData = z.strictObject({
  meeting: meetingNumber,
  workstream: line,
  rag: ragStatus,
  ...workstreamReportTexts,
});

export const workstreamStatusReportedData = z.strictObject({ from: ragStatus, to: ragStatus });

/** Only the texts that changed. */
export const workstreamReportRevisedData = z.strictObject({
  overallStatus: workstreamReportTexts.overallStatus.optional(),
  monthlySummary: workstreamReportTexts.monthlySummary.optional(),
  nextMonthDeliverables: workstreamReportTexts.nextMonthDeliverables.optional(),
});

export const workstreamReportCorrectedData = z.strictObject({
  fields: workstreamReportRevisedData.extend({ rag: ragStatus.optional() }),
  reason: line,
});

const workstreamReportEventData = {
  WorkstreamReportSubmitted: workstreamReportSubmittedData,
  WorkstreamStatusReported: workstreamStatusReportedData,
  WorkstreamReportRevised: workstreamReportRevisedData,
  WorkstreamReportCorrected: workstreamReportCorrectedData,
} as const;

export type WorkstreamReportEvent = EventsOf<typeof workstreamReportEventData>;

export const workstreamReportEventDefinitions = eventDefinitions(workstreamReportEventData, 'WorkstreamReportCorrected');
