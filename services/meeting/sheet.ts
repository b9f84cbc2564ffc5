import type { ItemSheet } from '../core/sheet.ts';
import { column, dayCell, linesCell, textCell, wholeNumberCell } from '../core/sheet.ts';
import { meetingStatus, type MeetingView } from './view.ts';

const heldBy = 'is computed when the meeting is held';

/** CCAG meetings: scheduling, agenda and holding; a hold freezes the pack. */
export const meetingSheet: ItemSheet<MeetingView> = {
  name: 'Meetings',
  columns: [
    column('CCAG', 'number', wholeNumberCell, { key: true, width: 8 }),
    column('Date', 'date', dayCell, { command: 'RescheduleMeeting', corrects: 'date', width: 12 }),
    column('Agenda', 'agenda', linesCell, { command: 'PlanMeetingAgenda', corrects: 'agenda', width: 60 }),
    column('Status', 'status', textCell, {
      choices: () => meetingStatus.options,
      moveBy: (edit) => {
        if (edit.value('status') !== 'Held') return 'a held meeting stays held';
        const heldOn = edit.value('heldOn');
        if (heldOn === null) return 'give the day it was held in "Held on"';
        return [{ command: 'HoldMeeting', input: { ...edit.key, heldOn } }];
      },
      width: 12,
    }),
    column('Held on', 'heldOn', dayCell, {
      corrects: 'heldOn',
      moveBy: (edit) => (edit.changed('status') ? [] : 'is recorded when the meeting is held: change Status to Held with it'),
      width: 12,
    }),
    column('Boundary position', 'boundaryPosition', textCell, { readOnly: heldBy, derived: true, width: 12 }),
    column('Digest', 'digest', textCell, { readOnly: heldBy, derived: true, width: 20 }),
  ],
  omits: ['treeHead'],
  keyOf: (meeting) => ({ number: meeting.number }),
  keyOfRow: (value) => ({ number: value('number') }),
  correction: 'CorrectMeeting',
  raise: (edit) => {
    const v = edit.value;
    const scheduled = { command: 'ScheduleMeeting', input: { ...edit.key, date: v('date'), agenda: v('agenda') } };
    if (v('status') !== 'Held') return [scheduled];
    if (v('heldOn') === null) return 'give the day it was held in "Held on"';
    return [scheduled, { command: 'HoldMeeting', input: { ...edit.key, heldOn: v('heldOn') } }];
  },
};
