import type { ItemModule } from '../core/decider.ts';
import { MEETINGS_STREAM, meetingId } from '../../schema/ids.ts';
import type { MeetingCommand } from './commands.ts';
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
};
