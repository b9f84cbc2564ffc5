export * from './view.ts';
export * from './events.ts';
export * from './commands.ts';
export { meetingDecider, evolveMeeting, type MeetingCalendar } from './decider.ts';
export { meetingModule } from './module.ts';
export * from './presenter.ts';
export * from './agenda.ts';
export * from './papers.ts';
