import { describe, expect, it } from 'vitest';
import { IntegrityError, InvalidTransitionError, NotFoundError, ValidationError } from '../../services/core/errors.ts';
import {
  meetingCommandSchemas,
  meetingDecider,
  meetingEventDefinitions,
  meetingModule,
  type MeetingEvent,
  type MeetingView,
  titleOnly,
} from '../../services/meeting/index.ts';
import { commandsOf, deciderSpec } from '../support/decider-spec.ts';

const spec = deciderSpec(meetingDecider);

const { command, badPaths } = commandsOf(meetingCommandSchemas);

const digest35 = '3f9a1c0e5b7d2468ace13579bdf02468ace13579bdf02468ace13579bdf02468';
const digest36 = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const treeHead36 = {
  treeSize: 342,
  rootHash: digest36,
  timestamp: '2024-11-27T10:00:00.000Z',
  keyId: 'ab'.repeat(32),
  signature: 'cd'.repeat(64),
};
const items = (...titles: string[]) => titles.map(titleOnly);
type Scheduled = Extract<MeetingEvent, { type: 'MeetingScheduled' }>;
const standingItems = ['Headline report and actions', 'Programme updates', 'Horizon Scanning Log', 'CCAG Reporting', 'Next steps'];

// The calendar as the CCAG #36 pack shows it.
const scheduled35: Scheduled = { type: 'MeetingScheduled', data: { number: 35, date: '2024-10-23', agenda: [] } };
const scheduled36: Scheduled = {
  type: 'MeetingScheduled',
  data: { number: 36, date: '2024-11-27', agenda: items('M7 Updates', 'M8 Updates', 'Incremental code change', ...standingItems) },
};
const scheduled37: Scheduled = {
  type: 'MeetingScheduled',
  data: { number: 37, date: '2024-12-18', agenda: items('M7 Updates', 'M8 Updates', 'Incremental code change', ...standingItems) },
};
const scheduled38: Scheduled = {
  type: 'MeetingScheduled',
  data: { number: 38, date: '2025-01-22', agenda: items('M8 Updates', 'Incremental code change update', ...standingItems) },
};
const held35: MeetingEvent = {
  type: 'MeetingHeld',
  data: { number: 35, heldOn: '2024-10-23', boundaryPosition: '120', digest: digest35, treeHead: null },
};
const held36: MeetingEvent = {
  type: 'MeetingHeld',
  data: { number: 36, heldOn: '2024-11-27', boundaryPosition: '342/340', digest: digest36, treeHead: treeHead36 },
};
const calendar = [scheduled35, scheduled36, scheduled37, scheduled38];

const hold = (number: number, heldOn: string) =>
  command('HoldMeeting', { number, heldOn, boundaryPosition: '500', digest: digest36, treeHead: treeHead36 });

describe('scheduling', () => {
  it('schedules a meeting with its planned agenda', () => {
    spec
      .given([scheduled35, scheduled36])
      .when(command('ScheduleMeeting', { number: 37, date: '2024-12-18', agenda: scheduled37.data.agenda }))
      .then([scheduled37]);
  });

  it('schedules without an agenda', () => {
    spec
      .given([])
      .when(command('ScheduleMeeting', { number: 35, date: '2024-10-23' }))
      .then([scheduled35]);
  });

  it('refuses a number already in the calendar', () => {
    spec
      .given(calendar)
      .when(command('ScheduleMeeting', { number: 36, date: '2024-11-28' }))
      .thenThrows(InvalidTransitionError, /36 is already/);
  });

  it('refuses a number below a meeting already held, which could never be held', () => {
    spec
      .given([held35, held36])
      .when(command('ScheduleMeeting', { number: 34, date: '2024-09-25' }))
      .thenThrows(InvalidTransitionError, /36 has been held/);
  });

  it('moves a scheduled meeting to another date, and writes nothing for the same date', () => {
    spec
      .given(calendar)
      .when(command('RescheduleMeeting', { number: 37, date: '2024-12-19' }))
      .then([{ type: 'MeetingRescheduled', data: { number: 37, from: '2024-12-18', to: '2024-12-19' } }]);
    spec
      .given(calendar)
      .when(command('RescheduleMeeting', { number: 37, date: '2024-12-18' }))
      .thenNothing();
  });

  it('plans the agenda of a scheduled meeting, and writes nothing for the same agenda', () => {
    spec
      .given(calendar)
      .when(command('PlanMeetingAgenda', { number: 38, agenda: ['M8 Updates'] }))
      .then([{ type: 'MeetingAgendaPlanned', data: { number: 38, agenda: items('M8 Updates') } }]);
    spec
      .given(calendar)
      .when(command('PlanMeetingAgenda', { number: 38, agenda: scheduled38.data.agenda }))
      .thenNothing();
  });

  it('refuses to reschedule or replan a meeting already held', () => {
    spec
      .given([...calendar, held35])
      .when(command('RescheduleMeeting', { number: 35, date: '2024-10-24' }))
      .thenThrows(InvalidTransitionError, /held/);
    spec
      .given([...calendar, held35])
      .when(command('PlanMeetingAgenda', { number: 35, agenda: ['x'] }))
      .thenThrows(InvalidTransitionError, /held/);
  });

  it.each([
    command('RescheduleMeeting', { number: 39, date: '2025-02-26' }),
    command('PlanMeetingAgenda', { number: 39, agenda: ['M8 Updates'] }),
    command('CorrectMeeting', { number: 39, fields: { date: '2025-02-26' }, reason: 'typo' }),
  ])('$type of a meeting not in the calendar is refused as not found', (cmd) => {
    spec
      .given(calendar)
      .when(cmd)
      .thenThrows(NotFoundError, /meeting:39/);
  });
});

describe('holding meetings in number order, once each', () => {
  it('holds the next meeting with the boundary and digest the handler computed', () => {
    spec
      .given([...calendar, held35])
      .when(
        command('HoldMeeting', { number: 36, heldOn: '2024-11-27', boundaryPosition: '342/340', digest: digest36, treeHead: treeHead36 }),
      )
      .then([held36]);
  });

  it('refuses to hold a meeting twice', () => {
    spec
      .given([...calendar, held35])
      .when(hold(35, '2024-10-24'))
      .thenThrows(InvalidTransitionError, /already held/);
  });

  it('refuses to hold a meeting while a lower scheduled one is not yet held', () => {
    spec
      .given(calendar)
      .when(hold(36, '2024-11-27'))
      .thenThrows(InvalidTransitionError, /before meeting 35/);
    spec
      .given([...calendar, held35, held36])
      .when(hold(38, '2025-01-22'))
      .thenThrows(InvalidTransitionError, /before meeting 37/);
  });

  it('refuses to hold a meeting numbered below the last one held', () => {
    spec
      .given([held36])
      .when(hold(35, '2024-10-23'))
      .thenThrows(InvalidTransitionError, /after meeting 36/);
  });

  it('holds a meeting nobody scheduled, creating it on the day it was held', () => {
    spec
      .given([held35])
      .when(hold(36, '2024-11-27'))
      .thenState((after) =>
        expect(after.meetings[36]).toEqual({
          id: 'meeting:36',
          number: 36,
          date: '2024-11-27',
          status: 'Held',
          agenda: [],
          document: null,
          nextSteps: [],
          forwardPlan: null,
          heldOn: '2024-11-27',
          boundaryPosition: '500',
          digest: digest36,
          treeHead: treeHead36,
        }),
      );
  });

  it('lets the next meeting be held once the one before it is', () => {
    spec
      .given([...calendar, held35, held36])
      .when(hold(37, '2024-12-18'))
      .thenState((after) => {
        expect(after.lastHeld).toBe(37);
        expect(after.meetings[38]?.status).toBe('Scheduled');
      });
  });
});

describe('correcting a meeting', () => {
  it('records only the fields that differ, with the reason', () => {
    spec
      .given([...calendar, held35])
      .when(command('CorrectMeeting', { number: 35, fields: { date: '2024-10-23', heldOn: '2024-10-22' }, reason: 'held a day early' }))
      .then([{ type: 'MeetingCorrected', data: { number: 35, fields: { heldOn: '2024-10-22' }, reason: 'held a day early' } }]);
  });

  it('writes nothing when every given field already has that value', () => {
    spec
      .given(calendar)
      .when(command('CorrectMeeting', { number: 38, fields: { agenda: scheduled38.data.agenda }, reason: 'check' }))
      .thenNothing();
  });

  it('refuses a correction naming no field, even for a command that skipped the schema', () => {
    spec
      .given(calendar)
      .when({ type: 'CorrectMeeting', data: { number: 37, fields: {}, reason: 'typo' } })
      .thenThrows(ValidationError, /at least one field/);
  });

  it('refuses to correct the held date of a meeting not yet held', () => {
    spec
      .given(calendar)
      .when(command('CorrectMeeting', { number: 37, fields: { heldOn: '2024-12-18' }, reason: 'typo' }))
      .thenThrows(InvalidTransitionError, /not been held/);
  });
});

describe('command input', () => {
  it('names every bad field of a hold at once', () => {
    expect(
      badPaths('HoldMeeting', {
        number: 36.5,
        heldOn: '31/11/24',
        boundaryPosition: 'position 42',
        digest: digest36.toUpperCase(),
        treeHead: { ...treeHead36, signature: 'x' },
      }).sort(),
    ).toEqual(['boundaryPosition', 'digest', 'heldOn', 'number', 'treeHead.signature']);
    expect(
      badPaths('HoldMeeting', {
        number: 0,
        heldOn: '2024-11-27',
        boundaryPosition: '42/',
        digest: digest36.slice(1),
        treeHead: treeHead36,
      }).sort(),
    ).toEqual(['boundaryPosition', 'digest', 'number']);
  });

  it('accepts both forms of log position', () => {
    expect(
      command('HoldMeeting', { number: 36, heldOn: '2024-11-27', boundaryPosition: ' 42/40 ', digest: digest36, treeHead: treeHead36 }).data
        .boundaryPosition,
    ).toBe('42/40');
    expect(
      command('HoldMeeting', { number: 36, heldOn: '2024-11-27', boundaryPosition: '42', digest: digest36, treeHead: treeHead36 }).data
        .boundaryPosition,
    ).toBe('42');
  });

  it('names blank agenda items and unknown fields', () => {
    const input = { number: 37, date: '2024-12-18', agenda: ['M7 Updates', '  '], time: '14:00' };
    expect(badPaths('ScheduleMeeting', input).sort()).toEqual(['agenda.1', 'time']);
    expect(() => command('ScheduleMeeting', input)).toThrow(/time: is not a known field/);
  });

  it('treats null as "not given": no agenda, or a field left uncorrected', () => {
    expect(command('ScheduleMeeting', { number: 37, date: '2024-12-18', agenda: null }).data.agenda).toEqual([]);
    const correction = { number: 35, fields: { date: null, agenda: null, heldOn: '2024-10-22' }, reason: 'held a day early' };
    expect(command('CorrectMeeting', correction).data.fields).toEqual({ heldOn: '2024-10-22' });
    expect(badPaths('CorrectMeeting', { ...correction, fields: { date: null, agenda: null, heldOn: null } })).toEqual(['fields']);
  });

  it('requires a correction to give a correctable field and a reason', () => {
    expect(badPaths('CorrectMeeting', { number: 36, fields: {}, reason: '' }).sort()).toEqual(['fields', 'reason']);
    expect(() => command('CorrectMeeting', { number: 36, fields: { digest: digest35 }, reason: 'x' })).toThrow(
      /fields\.digest: is not a known field/,
    );
  });
});

describe('the meeting module', () => {
  it('writes every meeting to the one meetings stream, and names the item by its number', () => {
    expect(meetingModule.streamOf(hold(36, '2024-11-27'))).toBe('meetings');
    expect(meetingModule.streamOf(command('ScheduleMeeting', { number: 40, date: '2025-03-26' }))).toBe('meetings');
    expect(meetingModule.itemIdOf('meetings', held36)).toBe('meeting:36');
  });

  it('gives each meeting a view built only from its own events', () => {
    const stream: MeetingEvent[] = [
      ...calendar,
      held35,
      { type: 'MeetingRescheduled', data: { number: 37, from: '2024-12-18', to: '2024-12-19' } },
      held36,
      { type: 'MeetingAgendaPlanned', data: { number: 38, agenda: items('M8 Updates') } },
      { type: 'MeetingCorrected', data: { number: 36, fields: { agenda: items('M7 Updates', 'M8 Updates') }, reason: 'as discussed' } },
    ];
    const views = new Map<string, MeetingView>();
    for (const event of stream) {
      const id = meetingModule.itemIdOf('meetings', event);
      views.set(id, meetingModule.evolveView(views.get(id) ?? null, event));
    }
    expect([...views.keys()]).toEqual(['meeting:35', 'meeting:36', 'meeting:37', 'meeting:38']);
    expect(views.get('meeting:36')).toEqual({
      id: 'meeting:36',
      number: 36,
      date: '2024-11-27',
      status: 'Held',
      agenda: items('M7 Updates', 'M8 Updates'),
      heldOn: '2024-11-27',
      boundaryPosition: '342/340',
      digest: digest36,
      treeHead: treeHead36,
      document: null,
      nextSteps: [],
      forwardPlan: null,
    });
    expect(views.get('meeting:37')).toMatchObject({ date: '2024-12-19', status: 'Scheduled', heldOn: null, digest: null });
    expect(views.get('meeting:38')?.agenda).toEqual(items('M8 Updates'));
  });

  it("refuses to apply one meeting's event to another meeting's view", () => {
    const view35 = meetingModule.evolveView(null, scheduled35);
    expect(() => meetingModule.evolveView(view35, held36)).toThrow(IntegrityError);
  });

  it('stores every event under a definition whose schema accepts what the decider writes', () => {
    const written = [
      ...meetingDecider.decide(command('ScheduleMeeting', { number: 35, date: '2024-10-23' }), meetingDecider.initialState()),
      ...meetingDecider.decide(hold(35, '2024-10-23'), meetingDecider.initialState()),
    ];
    for (const event of written) {
      const definition = meetingEventDefinitions.find((d) => d.type === event.type);
      expect(definition?.schema.safeParse(event.data).success).toBe(true);
    }
    expect(meetingEventDefinitions.filter((d) => d.correction).map((d) => d.type)).toEqual(['MeetingCorrected']);
  });
});
