import { actionReport } from './report.ts';
import { actionSheet } from './sheet.ts';
import type { ItemPresenter } from '../core/presenter.ts';
import { containsText, inListIgnoringCase } from '../core/presenter.ts';
import { dayText } from '../core/phrases.ts';
import { actionStatus } from '../../schema/values.ts';
import { formatActionOwner } from './owner.ts';
import { actionViewSchema, type ActionView } from './view.ts';

/** An open action past its due day. */
export const isOverdue = (action: ActionView, today: string): boolean =>
  action.status === 'Open' && action.dueDate !== null && action.dueDate < today;

export const actionPresenter: ItemPresenter<ActionView> = {
  viewSchema: actionViewSchema,
  names: { plural: 'actions', file: 'actions' },
  graphql: { typeName: 'Action', kindEnum: 'ACTION', one: 'action', list: 'actions', relatesChangeProposals: true },
  ref: (action) => action.ref,
  label: (action) => action.ref,
  shape: (action, { today }) => ({
    owner: { party: action.owner.party, person: action.owner.person, text: formatActionOwner(action.owner) },
    overdue: isOverdue(action, today),
  }),
  matches: (action, f) =>
    inListIgnoringCase(f['statuses'], action.status) &&
    containsText(formatActionOwner(action.owner), f['owner']) &&
    (f['overdue'] === undefined || f['overdue'] === null || action['overdue'] === f['overdue']),
  describeNew: () => 'New',
  describeChanges({ before, after, moved, say }) {
    if (moved('status')) {
      const to = after.status;
      // The update given with a status change is part of it ("RECOMMENDED CLOSED: ...").
      say(to === 'Recommended closed' ? 'Recommended closed' : to === 'Closed' ? 'Closed' : 'Reopened', 'status', 'update');
    }
    if (moved('dueDate')) say(`Due date moved from ${dayText(before.dueDate)} to ${dayText(after.dueDate)}`, 'dueDate');
    if (moved('owner')) say(`Owner changed from ${formatActionOwner(before.owner)} to ${formatActionOwner(after.owner)}`, 'owner');
    if (moved('update') && !moved('status')) say('Update given', 'update');
    if (moved('text')) say('Action text revised', 'text');
  },
  classify: (after, moved) => (after.status === 'Closed' && moved('status') ? 'CLOSED' : 'CHANGED'),
  flattened: { owner: ['party', 'person'] },
  reportTables: actionReport,
  sheet: actionSheet,
  statuses: () => actionStatus.options,
};
