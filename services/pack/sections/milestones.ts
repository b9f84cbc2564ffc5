import type { MilestoneView } from '../../milestone/view.ts';
import { placedFirst } from '../../core/display-order.ts';
import { plannedDateSortKey } from '../../../schema/planned-date-text.ts';
import type { PackContext } from '../context.ts';
import { packPlannedDate } from '../dates.ts';
import { cells, type PackTable } from '../model.ts';

const byBaseline = (a: MilestoneView, b: MilestoneView) =>
  (plannedDateSortKey(a.baselineDate) ?? '9999').localeCompare(plannedDateSortKey(b.baselineDate) ?? '9999') ||
  a.key.localeCompare(b.key, 'en', { numeric: true });

/** The workstream's own order where it placed its rows (REC lists its undated "Last date to raise CP" second); by baseline otherwise. */
const inTableOrder = placedFirst<MilestoneView>((m) => m.displayOrder, byBaseline);

/**
 * One workstream's milestone table, per-party forecasts as written ("Sun 13/10/24 for BSC; Wed
 * 09/10/24 for REC"). `title` heads it; none: it sits under its workstream's summary, on that slide.
 */
export function milestoneTable(
  ctx: PackContext,
  workstream: string,
  options: { readonly weekday: boolean; readonly title?: string },
): PackTable | undefined {
  const milestones = ctx
    .views<MilestoneView>('milestone')
    .filter((m) => m.workstream === workstream)
    .sort(inTableOrder);
  if (milestones.length === 0) return undefined;
  return {
    kind: 'table',
    id: `milestones:${workstream}`,
    ...(options.title === undefined ? {} : { title: options.title }),
    columns: ['Mstn Ref', 'Drafting Milestones', 'Baseline date', 'Forecast date', 'Status'],
    widths: [2, 9, 3, 5, 2],
    rows: milestones.map((m) =>
      cells(m.ref ?? '', m.description, packPlannedDate(m.baselineDate, options), packPlannedDate(m.forecastDate, options), m.status),
    ),
  };
}
