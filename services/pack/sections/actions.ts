import { formatActionOwner } from '../../action/owner.ts';
import type { ActionView } from '../../action/view.ts';
import type { PackContext } from '../context.ts';
import { formatUkDate, formatUkLongDate, fullYearDay } from '../dates.ts';
import { cells, type PackSection } from '../model.ts';

/** "RECOMMENDED CLOSED: See item number 4 for update.", as the pack writes an action's update. */
export function actionUpdateText(action: ActionView): string {
  const update = action.update ?? '';
  switch (action.status) {
    case 'Open':
      return update;
    case 'Recommended closed':
      return update ? `RECOMMENDED CLOSED: ${update}` : 'RECOMMENDED CLOSED';
    case 'Closed':
      return update ? `CLOSED: ${update}` : 'CLOSED';
    default: {
      const _exhaustive: never = action.status;
      return _exhaustive;
    }
  }
}

/**
 * Minutes and actions: every action still outstanding at the boundary (open or recommended
 * closed), and those closed since the last meeting, by reference.
 */
export function actionsSection(ctx: PackContext): PackSection {
  const actions = ctx
    .views<ActionView>('action')
    .filter((a) => a.status !== 'Closed' || ctx.movementOf('action', a.id)?.change !== 'UNCHANGED')
    .sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  const previous = ctx.previous?.meeting;
  return {
    id: 'actions',
    title: 'Minutes and Actions',
    blocks: [
      ...(previous
        ? [
            {
              kind: 'list' as const,
              items: [
                `Approval of Headline Report from CCAG meeting held ${formatUkLongDate(previous.heldOn ?? previous.date)}.`,
                'Review of outstanding actions:',
              ],
            },
          ]
        : []),
      {
        kind: 'table',
        id: 'actions',
        columns: ['Ref', 'Date Raised', 'Action', 'Owner', 'Due Date', 'Update'],
        widths: [2, 2, 8, 3, 2, 6],
        rows: actions.map((a) =>
          cells(
            a.ref,
            fullYearDay(a.raisedOn),
            a.text,
            formatActionOwner(a.owner),
            a.dueDate ? formatUkDate(a.dueDate) : '',
            actionUpdateText(a),
          ),
        ),
      },
    ],
  };
}
