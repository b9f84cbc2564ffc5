import type { ItemPresenter } from '../core/presenter.ts';
import { inListIgnoringCase } from '../core/presenter.ts';
import { workstreamReportTable } from './report.ts';
import { ragStatus, workstreamReportViewSchema, type WorkstreamReportView } from './view.ts';

const sections = {
  overallStatus: 'Overall status',
  monthlySummary: 'Monthly summary',
  nextMonthDeliverables: 'Next month deliverables',
} as const;

export const workstreamReportPresenter: ItemPresenter<WorkstreamReportView> = {
  viewSchema: workstreamReportViewSchema,
  names: { plural: 'workstream reports', file: 'workstream-reports' },
  graphql: {
    typeName: 'WorkstreamReport',
    kindEnum: 'WORKSTREAM_REPORT',
    one: 'workstreamReport',
    list: 'workstreamReports',
    compare: (a, b) => a.meeting - b.meeting || a.id.localeCompare(b.id),
  },
  ref: (report) => `${report.workstream} #${report.meeting}`,
  label: (report) => `${report.workstream} report to CCAG #${report.meeting}`,
  shape: (report) => ({ ref: workstreamReportPresenter.ref(report) }),
  matches: (report, f) =>
    (!Array.isArray(f['meetings']) || f['meetings'].includes(report.meeting)) &&
    inListIgnoringCase(f['workstreams'], report.workstream) &&
    inListIgnoringCase(f['rags'], report.rag),
  describeNew: (report) => `Reported ${report.rag}`,
  describeChanges({ before, after, moved, say }) {
    if (moved('rag')) say(`Overall status moved from ${before.rag} to ${after.rag}`, 'rag');
    for (const [field, name] of Object.entries(sections)) if (moved(field)) say(`${name} revised`, field);
  },
  reportTables: workstreamReportTable,
  statuses: () => ragStatus.options,
};
