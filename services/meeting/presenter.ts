import type { ItemPresenter } from '../core/presenter.ts';
import { dayText } from '../core/phrases.ts';
import { meetingStatus, meetingViewSchema, type MeetingView } from './view.ts';

export const meetingPresenter: ItemPresenter<MeetingView> = {
  viewSchema: meetingViewSchema,
  names: { plural: 'meetings', file: 'meetings' },
  graphql: { typeName: 'Meeting', kindEnum: 'MEETING', one: 'meeting', list: 'meetings', compare: (a, b) => a.number - b.number },
  ref: (meeting) => `CCAG #${meeting.number}`,
  label: (meeting) => `CCAG #${meeting.number}`,
  // A meeting nobody scheduled in the register appears by being held.
  describeNew: (meeting) => (meeting.status === 'Held' ? `Held on ${dayText(meeting.heldOn)}` : 'Scheduled'),
  describeChanges({ before, after, moved, say }) {
    if (moved('status') && after.status === 'Held')
      say(`Held on ${dayText(after.heldOn)}`, 'status', 'heldOn', 'boundaryPosition', 'digest', 'treeHead');
    if (moved('date')) say(`Moved from ${dayText(before.date)} to ${dayText(after.date)}`, 'date');
    if (moved('agenda')) say('Agenda planned', 'agenda');
  },
  statuses: () => meetingStatus.options,
};
