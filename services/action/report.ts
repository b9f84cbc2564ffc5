import { byViewKey, cellDay, cellText, omittedNote, type ReportContext, type ReportedItem, type ReportTable } from '../core/report.ts';
import { formatActionOwner } from './owner.ts';
import type { ActionView } from './view.ts';

/** The pack's actions table; the status leads the movement column. */
export function actionReport(items: readonly ReportedItem<ActionView>[], { since }: ReportContext): ReportTable[] {
  const closedUnchanged = items.filter((m) => m.change === 'UNCHANGED' && m.after.view.status === 'Closed');
  const shown = items.filter((m) => !closedUnchanged.includes(m)).sort(byViewKey((a) => a.ref));
  return [
    {
      title: 'Actions',
      columns: ['Ref', 'Date Raised', 'Action', 'Owner', 'Due Date', 'Update', 'Status/Movement'],
      rows: shown.map((m) => {
        const action = m.after.view;
        const movement = m.summary.filter((line) => line !== action.status);
        return [
          action.ref,
          cellDay(action.raisedOn),
          action.text,
          formatActionOwner(action.owner),
          cellDay(action.dueDate),
          cellText(action.update),
          [action.status, ...movement].join('\n'),
        ];
      }),
      notes: omittedNote(closedUnchanged.length, 'closed action', since),
    },
  ];
}
