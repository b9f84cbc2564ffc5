import type { Decider } from '../core/decider.ts';
import { IntegrityError, InvalidTransitionError, NotFoundError } from '../core/errors.ts';
import { meetingId } from '../../schema/ids.ts';
import { changedFields, correctionIssues, sameValue, withFields } from '../core/corrections.ts';
import { refuseIssues } from '../core/input-checks.ts';
import type { MeetingCommand } from './commands.ts';
import type { MeetingCorrectableFields, MeetingEvent } from './events.ts';
import type { MeetingView } from './view.ts';

/**
 * Every meeting shares one stream, so the decider sees the whole calendar and can keep
 * meetings held in number order, once each.
 */
export interface MeetingCalendar {
  readonly meetings: Readonly<Record<number, MeetingView>>;
  /** The highest meeting number held so far; null before the first. */
  readonly lastHeld: number | null;
}

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingCalendar> = {
  initialState: () => ({ meetings: {}, lastHeld: null }),
  evolve(calendar, event) {
    const number = event.data.number;
    const meeting = evolveMeeting(calendar.meetings[number] ?? null, event);
    return {
      meetings: { ...calendar.meetings, [number]: meeting },
      lastHeld: meeting.status === 'Held' ? Math.max(number, calendar.lastHeld ?? number) : calendar.lastHeld,
    };
  },
  decide(command, calendar) {
    switch (command.type) {
      case 'ScheduleMeeting': {
        const { number, date, agenda } = command.data;
        if (calendar.meetings[number]) throw new InvalidTransitionError(`Meeting ${number} is already in the calendar`);
        // A meeting numbered below one already held could never be held, and would block the next.
        if (calendar.lastHeld !== null && number < calendar.lastHeld) {
          throw new InvalidTransitionError(`Meeting ${number} cannot be scheduled: meeting ${calendar.lastHeld} has been held`);
        }
        return [{ type: 'MeetingScheduled', data: { number, date, agenda } }];
      }
      case 'RescheduleMeeting': {
        const { number, date } = command.data;
        const meeting = scheduledMeeting(calendar, number);
        if (meeting.date === date) return [];
        return [{ type: 'MeetingRescheduled', data: { number, from: meeting.date, to: date } }];
      }
      case 'PlanMeetingAgenda': {
        const { number, agenda } = command.data;
        const meeting = scheduledMeeting(calendar, number);
        if (sameValue(meeting.agenda, agenda)) return [];
        return [{ type: 'MeetingAgendaPlanned', data: { number, agenda } }];
      }
      case 'HoldMeeting': {
        const { number, heldOn, boundaryPosition, digest, treeHead } = command.data;
        refuseHoldingOutOfOrder(calendar, number);
        return [{ type: 'MeetingHeld', data: { number, heldOn, boundaryPosition, digest, treeHead } }];
      }
      case 'RecordMeetingDocument': {
        const { number, reference, version, classification } = command.data;
        const meeting = existingMeeting(calendar, number);
        const document = { reference, version, classification };
        if (sameValue(meeting.document, document)) return [];
        return [{ type: 'MeetingDocumentRecorded', data: { number, ...document } }];
      }
      case 'RecordMeetingNextSteps': {
        const { number, nextSteps } = command.data;
        const meeting = scheduledMeeting(calendar, number);
        if (sameValue(meeting.nextSteps, nextSteps)) return [];
        return [{ type: 'MeetingNextStepsRecorded', data: { number, nextSteps } }];
      }
      case 'RecordForwardPlan': {
        const { number, activities, agendaItems, standingItems } = command.data;
        const meeting = scheduledMeeting(calendar, number);
        const forwardPlan = { activities, agendaItems, standingItems };
        if (sameValue(meeting.forwardPlan, forwardPlan)) return [];
        return [{ type: 'MeetingForwardPlanRecorded', data: { number, ...forwardPlan } }];
      }
      case 'CorrectMeeting': {
        const { number, reason } = command.data;
        const meeting = existingMeeting(calendar, number);
        refuseIssues(correctionIssues(command.data.fields, reason));
        const fields: MeetingCorrectableFields = changedFields(meeting, command.data.fields);
        if (Object.keys(fields).length === 0) return [];
        if (fields.heldOn !== undefined && meeting.status !== 'Held') {
          throw new InvalidTransitionError(`Meeting ${number} has not been held, so its held date cannot be corrected`);
        }
        return [{ type: 'MeetingCorrected', data: { number, fields, reason } }];
      }
      default: {
        const _exhaustive: never = command;
        throw new Error(`Unknown meeting command ${(_exhaustive as { type: string }).type}`);
      }
    }
  },
};

/** One meeting after `event`, which must be about that meeting. Shared by the decider and `evolveView`. */
export function evolveMeeting(meeting: MeetingView | null, event: MeetingEvent): MeetingView {
  const { number } = event.data;
  if (meeting && meeting.number !== number) {
    throw new IntegrityError(`An event of meeting ${number} was applied to meeting ${meeting.number}`);
  }
  switch (event.type) {
    case 'MeetingScheduled':
      return {
        id: meetingId(number),
        number,
        date: event.data.date,
        status: 'Scheduled',
        agenda: event.data.agenda,
        heldOn: null,
        boundaryPosition: null,
        digest: null,
        treeHead: null,
        ...noPapers,
      };
    case 'MeetingHeld': {
      const { heldOn, boundaryPosition, digest, treeHead } = event.data;
      // A meeting nobody scheduled in the register is created by holding it, on the day it was held.
      const before = meeting ?? { id: meetingId(number), number, date: heldOn, agenda: [], ...noPapers };
      return { ...before, status: 'Held', heldOn, boundaryPosition, digest, treeHead };
    }
    case 'MeetingRescheduled':
      return { ...known(meeting, event), date: event.data.to };
    case 'MeetingAgendaPlanned':
      return { ...known(meeting, event), agenda: event.data.agenda };
    case 'MeetingDocumentRecorded': {
      const { reference, version, classification } = event.data;
      return { ...known(meeting, event), document: { reference, version, classification } };
    }
    case 'MeetingNextStepsRecorded':
      return { ...known(meeting, event), nextSteps: event.data.nextSteps };
    case 'MeetingForwardPlanRecorded': {
      const { activities, agendaItems, standingItems } = event.data;
      return { ...known(meeting, event), forwardPlan: { activities, agendaItems, standingItems } };
    }
    case 'MeetingCorrected':
      return withFields(known(meeting, event), event.data.fields);
    default: {
      const _exhaustive: never = event;
      throw new IntegrityError(`Unknown meeting event ${(_exhaustive as { type: string }).type}`);
    }
  }
}

/** A meeting's pack content before anything of it is recorded. */
const noPapers = { document: null, nextSteps: [], forwardPlan: null } as const satisfies Pick<
  MeetingView,
  'document' | 'nextSteps' | 'forwardPlan'
>;

function known(meeting: MeetingView | null, event: MeetingEvent): MeetingView {
  if (!meeting) throw new IntegrityError(`${event.type} for meeting ${event.data.number}, which is not in the calendar`);
  return meeting;
}

function existingMeeting(calendar: MeetingCalendar, number: number): MeetingView {
  const meeting = calendar.meetings[number];
  if (!meeting) throw new NotFoundError('Meeting', meetingId(number));
  return meeting;
}

/** Date, agenda, next steps and forward plan change through commands only while the meeting is ahead; afterwards, by correction. */
function scheduledMeeting(calendar: MeetingCalendar, number: number): MeetingView {
  const meeting = existingMeeting(calendar, number);
  if (meeting.status !== 'Scheduled') {
    throw new InvalidTransitionError(`Meeting ${number} was held on ${meeting.heldOn}; correct it instead`);
  }
  return meeting;
}

/** Meetings are held in number order, once each: no skipping a scheduled meeting, no going back. */
function refuseHoldingOutOfOrder(calendar: MeetingCalendar, number: number): void {
  const meeting = calendar.meetings[number];
  if (meeting?.status === 'Held') throw new InvalidTransitionError(`Meeting ${number} was already held on ${meeting.heldOn}`);
  if (calendar.lastHeld !== null && number < calendar.lastHeld) {
    throw new InvalidTransitionError(`Meeting ${number} cannot be held after meeting ${calendar.lastHeld}`);
  }
  const waiting = Object.values(calendar.meetings)
    .filter((m) => m.number < number && m.status === 'Scheduled')
    .map((m) => m.number);
  if (waiting.length > 0) {
    const which = waiting.length === 1 ? `meeting ${waiting[0]}` : `meetings ${waiting.join(', ')}`;
    throw new InvalidTransitionError(`Meeting ${number} cannot be held before ${which}, scheduled and not yet held`);
  }
}
