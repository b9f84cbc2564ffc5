import type { WorkstreamReportView } from '../../workstream-report/view.ts';
import type { PackContext } from '../context.ts';
import { formatUkLongDate } from '../dates.ts';
import { ragColours, workstreamSummaryTitle } from '../layout.ts';
import { bulleted, cell, type PackTable } from '../model.ts';

/** "November 2024": the month an M7 summary is headed with (the meeting's long date without its day). */
const monthOf = (iso: string) => formatUkLongDate(iso).replace(/^\d+ /, '');

/** The title of the workstream's slides: its summary, its milestone table and its code body's key dates under it. */
export function workstreamSlideTitle(ctx: PackContext, workstream: string): string {
  const configured = ctx.rules.workstreams.find((w) => w.id === workstream) ?? { id: workstream, name: workstream };
  return workstreamSummaryTitle(configured, monthOf(ctx.meeting.date));
}

/**
 * A workstream's summary slide as one table: its overall status as a RAG (the cell in the
 * RAG's colour), then the overall status, monthly summary and next month deliverables
 * bullets, from the workstream's report to this meeting. No report to this meeting, no table:
 * an earlier month's report would be reported as this one's.
 */
export function workstreamSummaryTable(ctx: PackContext, workstream: string): PackTable | undefined {
  const report = ctx
    .views<WorkstreamReportView>('workstreamReport')
    .find((r) => r.meeting === ctx.meeting.number && r.workstream === workstream);
  if (!report) return undefined;
  return {
    kind: 'table',
    id: `workstream-summary:${workstream}`,
    title: workstreamSlideTitle(ctx, workstream),
    // The column names are those of the workstream report's movement table (services/workstream-report/report.ts).
    columns: ['RAG', 'Overall Status', 'Monthly Summary', 'Next Month Deliverables'],
    widths: [1.2, 6, 6, 5],
    rows: [
      [
        cell(report.rag, { fill: ragColours[report.rag] }),
        cell(bulleted(report.overallStatus)),
        cell(bulleted(report.monthlySummary)),
        cell(bulleted(report.nextMonthDeliverables)),
      ],
    ],
  };
}
