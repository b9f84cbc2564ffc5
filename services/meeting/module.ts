import type { ItemModule } from '../core/decider.ts';
import { MEETINGS_STREAM, meetingId } from '../../schema/ids.ts';
import { meetingInputSchemas, type MeetingCommand } from './commands.ts';
import { meetingPresenter } from './presenter.ts';
import { evolveMeeting, meetingDecider, type MeetingCalendar } from './decider.ts';
import { meetingEventDefinitions, type MeetingEvent } from './events.ts';
import type { MeetingView } from './view.ts';

export const meetingModule: ItemModule<MeetingCommand, MeetingEvent, MeetingCalendar, MeetingView> = {
  kind: 'meeting',
  decider: meetingDecider,
  events: meetingEventDefinitions,
  // One stream for the whole calendar: the order of holding is a single-stream rule.
  streamOf: () => MEETINGS_STREAM,
  itemIdOfCommand: (command) => meetingId(command.data.number),
  itemIdOf: (_stream, event) => meetingId(event.data.number),
  evolveView: evolveMeeting,
  idPrefix: 'meeting',
  commands: meetingInputSchemas,
  // Holding freezes the pack: the boundary is the log's head when the meeting is held.
  completeCommand: { HoldMeeting: async (data, services) => ({ ...data, ...(await services.logDigest()) }) },
  mutations: {
    scheduleMeeting: 'ScheduleMeeting',
    rescheduleMeeting: 'RescheduleMeeting',
    planMeetingAgenda: 'PlanMeetingAgenda',
    holdMeeting: 'HoldMeeting',
    recordMeetingDocument: 'RecordMeetingDocument',
    recordMeetingNextSteps: 'RecordMeetingNextSteps',
    recordForwardPlan: 'RecordForwardPlan',
    correctMeeting: 'CorrectMeeting',
  },
  presenter: meetingPresenter,
};
