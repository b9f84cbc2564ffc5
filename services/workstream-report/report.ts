import type { ReportContext, ReportedItem, ReportTable } from '../core/report.ts';
import type { WorkstreamReportView } from './view.ts';

/** The code workstream summaries: one row per report, its bullets one a line, in workstream order. */
export function workstreamReportTable(items: readonly ReportedItem<WorkstreamReportView>[], { rules }: ReportContext): ReportTable[] {
  const order = (workstream: string) => rules.workstreams.findIndex((w) => w.id === workstream);
  const shown = items
    .filter((m) => m.change !== 'UNCHANGED')
    .sort((a, b) => a.after.view.meeting - b.after.view.meeting || order(a.after.view.workstream) - order(b.after.view.workstream));
  if (shown.length === 0) return [];
  return [
    {
      title: 'Code Workstream Summaries',
      columns: ['Workstream', 'Meeting', 'Overall Status', 'Monthly Summary', 'Next Month Deliverables', 'Movement'],
      rows: shown.map((m) => {
        const r = m.after.view;
        const bullets = (lines: readonly string[]) => lines.map((l) => `- ${l}`).join('\n');
        return [
          r.workstream,
          `CCAG #${r.meeting}`,
          [r.rag, bullets(r.overallStatus)].filter((t) => t !== '').join('\n'),
          bullets(r.monthlySummary),
          bullets(r.nextMonthDeliverables),
          m.summary.join('\n'),
        ];
      }),
      notes: [],
    },
  ];
}
