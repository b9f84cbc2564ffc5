import { milestoneReport } from './report.ts';
import { milestoneSheet } from './sheet.ts';
import type { ItemPresenter } from '../core/presenter.ts';
import { inListIgnoringCase } from '../core/presenter.ts';
import { plannedDateObject, plannedText } from '../core/phrases.ts';
import { displayOrderLine } from '../core/display-order.ts';
import { milestoneStatus } from '../../schema/values.ts';
import { milestoneViewSchema, type MilestoneView } from './view.ts';

export const milestonePresenter: ItemPresenter<MilestoneView> = {
  viewSchema: milestoneViewSchema,
  names: { plural: 'milestones', file: 'milestones' },
  graphql: { typeName: 'Milestone', kindEnum: 'MILESTONE', one: 'milestone', list: 'milestones', relatesChangeProposals: true },
  // One without a reference is known by its description.
  ref: (m) => m.ref ?? m.description,
  label: (m) => `${m.workstream} ${m.ref ?? m.description}`,
  shape: (m) => ({
    baselineDate: plannedDateObject(m.baselineDate),
    forecastDate: plannedDateObject(m.forecastDate),
    rebaselines: m.rebaselines.map((r) => ({ from: plannedDateObject(r.from), to: plannedDateObject(r.to), reason: r.reason })),
  }),
  matches: (m, f) =>
    (!f['workstreams'] || (f['workstreams'] as string[]).includes(m.workstream)) &&
    inListIgnoringCase(f['statuses'], m.status) &&
    (!f['ref'] || m.ref === f['ref']),
  describeNew: () => 'New milestone',
  describeChanges({ before, after, moved, say }) {
    if (moved('status')) {
      say(after.status === 'Complete' ? 'Complete' : `Status changed from ${before.status} to ${after.status}`, 'status', 'completedOn');
    }
    if (moved('baselineDate')) {
      say(`Re-baselined from ${plannedText(before.baselineDate)} to ${plannedText(after.baselineDate)}`, 'baselineDate', 'rebaselines');
    } else if (moved('rebaselines')) {
      say(`Re-baselined and back to ${plannedText(after.baselineDate)}`, 'rebaselines');
    }
    if (moved('forecastDate'))
      say(`Forecast moved from ${plannedText(before.forecastDate)} to ${plannedText(after.forecastDate)}`, 'forecastDate');
    if (moved('description')) say('Description revised', 'description');
    if (moved('displayOrder')) say(displayOrderLine(before.displayOrder, after.displayOrder), 'displayOrder');
    if (moved('ref')) say(`Reference changed from ${before.ref ?? 'none'} to ${after.ref ?? 'none'}`, 'ref');
  },
  classify: (after, moved) => (after.status === 'Complete' && moved('status') ? 'COMPLETED' : 'CHANGED'),
  codeBodyOf: (data, rules) => rules.workstreams.find((w) => w.id === data['workstream'])?.codeBody ?? undefined,
  reportTables: milestoneReport,
  sheet: milestoneSheet,
  statuses: () => milestoneStatus.options,
};
