import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError } from '../../services/core/errors.ts';
import { meetingCommandSchemas, meetingDecider, titleOnly, type MeetingEvent } from '../../services/meeting/index.ts';
import { commandsOf, deciderSpec } from '../support/decider-spec.ts';

/* The CCAG #36 pack's own content about its meeting: agenda table, cover, next steps, forward plan. */

const spec = deciderSpec(meetingDecider);
const { command, badPaths } = commandsOf(meetingCommandSchemas);

const scheduled36: MeetingEvent = { type: 'MeetingScheduled', data: { number: 36, date: '2024-11-27', agenda: [] } };
const held36: MeetingEvent = {
  type: 'MeetingHeld',
  data: { number: 36, heldOn: '2024-11-27', boundaryPosition: '300', digest: 'ab'.repeat(32), treeHead: null },
};
const minutesAndActions = {
  title: 'Minutes and Actions',
  objective: 'Approve minutes of previous meeting and review outstanding actions',
  type: 'Decision',
  lead: 'Chair & Secretariat',
  time: { start: '10:05', end: '10:15' },
} as const;
const cover = { reference: 'MHHS-DEL3283', version: '1.0', classification: 'Public' };

describe('the agenda table', () => {
  it('plans items with objective, type, lead and slot as the pack prints them', () => {
    spec
      .given([scheduled36])
      .when(
        command('PlanMeetingAgenda', {
          number: 36,
          agenda: [
            { title: 'Welcome', lead: 'Chair', time: '10:00-10:05 5 mins' },
            { ...minutesAndActions, type: 'DECISION', time: '10:05-10:15 10 mins' },
            'Appendices',
          ],
        }),
      )
      .then([
        {
          type: 'MeetingAgendaPlanned',
          data: {
            number: 36,
            agenda: [
              { title: 'Welcome', objective: null, type: null, lead: 'Chair', time: { start: '10:00', end: '10:05' } },
              minutesAndActions,
              titleOnly('Appendices'),
            ],
          },
        },
      ]);
  });

  it('takes the typed form (agendaItems) as GraphQL sends it, and refuses both forms at once', () => {
    expect(command('PlanMeetingAgenda', { number: 36, agendaItems: [{ title: 'Welcome', time: '10:00-10:05' }] }).data.agenda).toEqual([
      { ...titleOnly('Welcome'), time: { start: '10:00', end: '10:05' } },
    ]);
    expect(badPaths('PlanMeetingAgenda', { number: 36, agenda: ['Welcome'], agendaItems: [{ title: 'Welcome' }] })).toEqual([
      'agendaItems',
    ]);
    expect(badPaths('PlanMeetingAgenda', { number: 36 })).toEqual(['agenda']);
  });

  it('keeps a 0-minute item taken as read, and names each bad part of an item', () => {
    expect(
      command('PlanMeetingAgenda', { number: 36, agenda: [{ title: 'Programme Updates', time: '11:15-11:15 0 mins' }] }).data.agenda[0]!
        .time,
    ).toEqual({
      start: '11:15',
      end: '11:15',
    });
    const bad = { title: ' ', type: 'Approval', lead: '', time: '10:15-10:05', objective: 'x\u0007' };
    expect(badPaths('PlanMeetingAgenda', { number: 36, agenda: [bad] }).sort()).toEqual([
      'agenda.0.lead',
      'agenda.0.objective',
      'agenda.0.time',
      'agenda.0.title',
      'agenda.0.type',
    ]);
    expect(badPaths('PlanMeetingAgenda', { number: 36, agenda: [{ title: 'Welcome', time: '10:00-10:05 10 mins' }] })).toEqual([
      'agenda.0.time',
    ]);
    expect(() => command('PlanMeetingAgenda', { number: 36, agenda: [{ title: 'Welcome', time: '10:00-10:05 10 mins' }] })).toThrow(
      /10:00-10:05 is 5 minutes, not 10/,
    );
  });
});

describe("the pack's cover", () => {
  it('records reference, version and classification, read as the cover writes them', () => {
    spec
      .given([scheduled36])
      .when(
        command('RecordMeetingDocument', {
          number: 36,
          reference: 'MHHS-DEL3283',
          version: 'Version 1.0',
          classification: 'Document Classification: Public',
        }),
      )
      .then([{ type: 'MeetingDocumentRecorded', data: { number: 36, ...cover } }]);
  });

  it('records a new version after the meeting, and nothing for the same cover', () => {
    const recorded: MeetingEvent = { type: 'MeetingDocumentRecorded', data: { number: 36, ...cover } };
    spec
      .given([scheduled36, recorded, held36])
      .when(command('RecordMeetingDocument', { number: 36, ...cover, version: '1.1' }))
      .then([{ type: 'MeetingDocumentRecorded', data: { number: 36, ...cover, version: '1.1' } }]);
    spec
      .given([scheduled36, recorded])
      .when(command('RecordMeetingDocument', { number: 36, ...cover }))
      .thenNothing();
  });

  it('names every missing or blank part, and refuses a meeting not in the calendar', () => {
    expect(badPaths('RecordMeetingDocument', { number: 36, reference: ' ', version: 'Version ' }).sort()).toEqual([
      'classification',
      'reference',
      'version',
    ]);
    spec
      .given([scheduled36])
      .when(command('RecordMeetingDocument', { number: 37, ...cover }))
      .thenThrows(NotFoundError, /meeting:37/);
  });
});

describe('next steps and the forward plan', () => {
  const nextSteps = [
    'Secretariat to confirm actions and decisions from meeting',
    'Next CCAG meeting 18 December 2024 at 2pm (afternoon meeting)',
  ];

  it('records the next steps of a scheduled meeting, and nothing when they are the same', () => {
    const recorded: MeetingEvent = { type: 'MeetingNextStepsRecorded', data: { number: 36, nextSteps } };
    spec
      .given([scheduled36])
      .when(command('RecordMeetingNextSteps', { number: 36, nextSteps }))
      .then([recorded]);
    spec
      .given([scheduled36, recorded])
      .when(command('RecordMeetingNextSteps', { number: 36, nextSteps }))
      .thenNothing();
  });

  it('records a forward plan column, a list left out being empty', () => {
    spec
      .given([scheduled36])
      .when(command('RecordForwardPlan', { number: 36, activities: ['SCR Update'], agendaItems: ['M7 Updates', 'M8 Updates'] }))
      .then([
        {
          type: 'MeetingForwardPlanRecorded',
          data: { number: 36, activities: ['SCR Update'], agendaItems: ['M7 Updates', 'M8 Updates'], standingItems: [] },
        },
      ]);
  });

  it('refuses both once the meeting is held: a correction fixes them then', () => {
    spec
      .given([scheduled36, held36])
      .when(command('RecordMeetingNextSteps', { number: 36, nextSteps }))
      .thenThrows(InvalidTransitionError, /held on 2024-11-27; correct it instead/);
    spec
      .given([scheduled36, held36])
      .when(command('RecordForwardPlan', { number: 36, agendaItems: ['M8 Updates'] }))
      .thenThrows(InvalidTransitionError, /correct it instead/);
    spec
      .given([scheduled36, held36])
      .when(command('CorrectMeeting', { number: 36, fields: { nextSteps, document: cover }, reason: 'typed after the meeting' }))
      .then([
        { type: 'MeetingCorrected', data: { number: 36, fields: { nextSteps, document: cover }, reason: 'typed after the meeting' } },
      ]);
  });

  it('names a blank next step and an unknown forward plan list', () => {
    expect(badPaths('RecordMeetingNextSteps', { number: 36, nextSteps: ['ok', ''] })).toEqual(['nextSteps.1']);
    expect(badPaths('RecordForwardPlan', { number: 36, topics: ['x'] })).toEqual(['topics']);
  });
});
