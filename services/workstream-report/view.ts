import { z } from 'zod';
import { meetingNumber } from '../meeting/view.ts';

const line = z.string().min(1);

/** A workstream's overall status, as the pack's code workstream summaries rate it. */
export const ragStatus = z.enum(['Green', 'Amber', 'Red']);
export type RagStatus = z.infer<typeof ragStatus>;

/** The texts of a report: bullet lists, each in the pack's order. */
export const workstreamReportTexts = {
  /** "Overall Status" bullets. */
  overallStatus: z.array(line),
  /** "Monthly Summary" ("Month Summary") bullets. */
  monthlySummary: z.array(line),
  /** "Next Month Deliverables" bullets. */
  nextMonthDeliverables: z.array(line),
};

/** One code workstream's report to one meeting (the pack's summary slide above its milestone table). */
export const workstreamReportViewSchema = z.strictObject({
  id: z.string(),
  /** The CCAG meeting whose pack carries the report. */
  meeting: meetingNumber,
  workstream: line,
  rag: ragStatus,
  ...workstreamReportTexts,
});
export type WorkstreamReportView = z.infer<typeof workstreamReportViewSchema>;
export type WorkstreamReportTextField = keyof typeof workstreamReportTexts;
export const workstreamReportTextFields = Object.keys(workstreamReportTexts) as WorkstreamReportTextField[];
