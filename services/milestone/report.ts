import { cellPlanned, cellText, type ReportContext, type ReportedItem, type ReportTable } from '../core/report.ts';
import { plannedDateSortKey } from '../../schema/planned-date-text.ts';
import type { MilestoneView } from './view.ts';
import { placedFirst } from '../core/display-order.ts';

const columns = ['Mstn Ref', 'Drafting Milestones', 'Baseline date', 'Forecast date', 'Status', 'Movement'];

function byBaselineDate(a: ReportedItem<MilestoneView>, b: ReportedItem<MilestoneView>): number {
  const key = (m: ReportedItem<MilestoneView>) => plannedDateSortKey(m.after.view.baselineDate) ?? '9999';
  return key(a).localeCompare(key(b)) || a.after.view.key.localeCompare(b.after.view.key, 'en', { numeric: true });
}

/** One table per workstream, in the configured order, then any workstream no longer configured. */
export function milestoneReport(items: readonly ReportedItem<MilestoneView>[], { rules }: ReportContext): ReportTable[] {
  const known = rules.workstreams.map((w) => ({ id: w.id, name: w.name }));
  const others = [...new Set(items.map((m) => m.after.view.workstream))]
    .filter((id) => !known.some((w) => w.id === id))
    .map((id) => ({ id, name: id }));
  return [...known, ...others]
    .map((workstream) => ({ workstream, rows: items.filter((m) => m.after.view.workstream === workstream.id) }))
    .filter(({ rows }) => rows.length > 0)
    .map(({ workstream, rows }) => ({
      title: `Milestones: ${workstream.name}`,
      columns,
      // The pack's own order where the workstream placed its rows; by baseline date otherwise.
      rows: [...rows].sort(placedFirst((m) => m.after.view.displayOrder, byBaselineDate)).map((m) => {
        const v = m.after.view;
        return [cellText(v.ref), v.description, cellPlanned(v.baselineDate), cellPlanned(v.forecastDate), v.status, m.summary.join('\n')];
      }),
      notes: [],
    }));
}
