import type { ItemPresenter } from '../core/presenter.ts';
import { meetingSheet } from './sheet.ts';
import { dayText } from '../core/phrases.ts';
import { slotMinutes, slotText, type AgendaItem } from './agenda.ts';
import { meetingStatus, meetingViewSchema, type MeetingView } from './view.ts';

/** An agenda item for GraphQL: its slot with the minutes and the text the pack prints. */
const agendaItemObject = (item: AgendaItem) => ({
  ...item,
  time: item.time && { ...item.time, minutes: slotMinutes(item.time), text: `${slotText(item.time)} ${slotMinutes(item.time)} mins` },
});

export const meetingPresenter: ItemPresenter<MeetingView> = {
  viewSchema: meetingViewSchema,
  names: { plural: 'meetings', file: 'meetings' },
  graphql: { typeName: 'Meeting', kindEnum: 'MEETING', one: 'meeting', list: 'meetings', compare: (a, b) => a.number - b.number },
  ref: (meeting) => `CCAG #${meeting.number}`,
  label: (meeting) => `CCAG #${meeting.number}`,
  // `agenda` stays the titles dashboards read; `agendaItems` is the pack's agenda table.
  shape: (meeting) => ({ agenda: meeting.agenda.map((item) => item.title), agendaItems: meeting.agenda.map(agendaItemObject) }),
  // A meeting nobody scheduled in the register appears by being held.
  describeNew: (meeting) => (meeting.status === 'Held' ? `Held on ${dayText(meeting.heldOn)}` : 'Scheduled'),
  describeChanges({ before, after, moved, say }) {
    if (moved('status') && after.status === 'Held')
      say(`Held on ${dayText(after.heldOn)}`, 'status', 'heldOn', 'boundaryPosition', 'digest', 'treeHead');
    if (moved('date')) say(`Moved from ${dayText(before.date)} to ${dayText(after.date)}`, 'date');
    if (moved('agenda')) say('Agenda planned', 'agenda');
    if (moved('document')) say(documentLine(before, after), 'document');
    if (moved('nextSteps')) say('Next steps recorded', 'nextSteps');
    if (moved('forwardPlan')) say(before.forwardPlan ? 'Forward plan revised' : 'Forward plan recorded', 'forwardPlan');
  },
  sheet: meetingSheet,
  statuses: () => meetingStatus.options,
};

/** "Document MHHS-DEL3283 version 1.0 (Public) recorded", or what a new issue changed. */
function documentLine(before: MeetingView, after: MeetingView): string {
  const now = after.document!;
  const was = before.document;
  if (!was) return `Document ${now.reference} version ${now.version} (${now.classification}) recorded`;
  const changes = [
    was.reference !== now.reference ? `reference ${was.reference} to ${now.reference}` : null,
    was.version !== now.version ? `version ${was.version} to ${now.version}` : null,
    was.classification !== now.classification ? `classification ${was.classification} to ${now.classification}` : null,
  ].filter((c) => c !== null);
  return `Document ${changes.join(', ')}`;
}
