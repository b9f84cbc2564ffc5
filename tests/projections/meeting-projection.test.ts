import { describe, expect, it } from 'vitest';
import { meetingModule, titleOnly } from '../../services/meeting/index.ts';
import type { MeetingEvent } from '../../services/meeting/events.ts';
import { asItemModule } from '../../services/core/registry.ts';
import { EventTypeCoverage, projectionSpec, type SpecEvent } from '../support/projection-spec.ts';

const coverage = new EventTypeCoverage(asItemModule(meetingModule));
const { given } = projectionSpec(coverage);

/** Every meeting's events are in the one calendar stream. */
const calendar = (event: MeetingEvent): SpecEvent => ({ stream: 'meetings', ...event });
const scheduled36 = calendar({
  type: 'MeetingScheduled',
  data: { number: 36, date: '2024-11-27', agenda: [titleOnly('Horizon scanning')] },
});
const riskRaised: SpecEvent = {
  stream: 'risk:R966',
  type: 'RiskRaised',
  data: {
    riskId: 'R966',
    description: 'Code drafting for Service Management',
    score: 12,
    mitigationPlan: [],
    raisedOn: '2024-11-01',
    relatedChangeProposals: [],
  },
};
/** The digest the hold froze: the projection shows it as given, whatever it is. */
const digest = 'ab'.repeat(32);

describe('the register and movement for meetings', () => {
  it('MeetingScheduled: in the calendar, "Scheduled"', async () => {
    const then = await given().when(scheduled36);
    expect(then.item).toMatchObject({
      id: 'meeting:36',
      version: 1,
      view: {
        number: 36,
        date: '2024-11-27',
        status: 'Scheduled',
        agenda: [titleOnly('Horizon scanning')],
        heldOn: null,
        boundaryPosition: null,
      },
    });
    expect(then.history).toEqual([expect.objectContaining({ stream: 'meetings', itemId: 'meeting:36', type: 'MeetingScheduled' })]);
    expect(then.movement).toMatchObject({ change: 'NEW', summary: ['Scheduled'] });
  });

  it('MeetingRescheduled: "Moved from 27/11/24 to 04/12/24"', async () => {
    const then = await given(scheduled36).when(
      calendar({ type: 'MeetingRescheduled', data: { number: 36, from: '2024-11-27', to: '2024-12-04' } }),
    );
    expect(then.item.view['date']).toBe('2024-12-04');
    expect(then.movement?.summary).toEqual(['Moved from 27/11/24 to 04/12/24']);
  });

  it('MeetingAgendaPlanned: the agenda table, "Agenda planned"', async () => {
    const minutes = {
      title: 'Minutes and Actions',
      objective: 'Approve minutes of previous meeting and review outstanding actions',
      type: 'Decision',
      lead: 'Chair & Secretariat',
      time: { start: '10:05', end: '10:15' },
    } as const;
    const then = await given(scheduled36).when(
      calendar({ type: 'MeetingAgendaPlanned', data: { number: 36, agenda: [titleOnly('Welcome'), minutes] } }),
    );
    expect(then.item.view['agenda']).toEqual([titleOnly('Welcome'), minutes]);
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Agenda planned'] });
  });

  it('MeetingDocumentRecorded: the cover, then a new version of it', async () => {
    const cover = { number: 36, reference: 'MHHS-DEL3283', version: '1.0', classification: 'Public' };
    const first = await given(scheduled36).when(calendar({ type: 'MeetingDocumentRecorded', data: cover }));
    expect(first.item.view['document']).toEqual({ reference: 'MHHS-DEL3283', version: '1.0', classification: 'Public' });
    expect(first.movement?.summary).toEqual(['Document MHHS-DEL3283 version 1.0 (Public) recorded']);
    const reissued = await given(scheduled36, calendar({ type: 'MeetingDocumentRecorded', data: cover })).when(
      calendar({ type: 'MeetingDocumentRecorded', data: { ...cover, version: '1.1' } }),
    );
    expect(reissued.movement?.summary).toEqual(['Document version 1.0 to 1.1']);
    expect(reissued.itemBefore?.view['document']).toMatchObject({ version: '1.0' });
  });

  it('MeetingNextStepsRecorded: the next steps, "Next steps recorded"', async () => {
    const nextSteps = ['Secretariat to confirm actions and decisions from meeting', 'Next CCAG meeting 18 December 2024 at 2pm'];
    const then = await given(scheduled36).when(calendar({ type: 'MeetingNextStepsRecorded', data: { number: 36, nextSteps } }));
    expect(then.item.view['nextSteps']).toEqual(nextSteps);
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Next steps recorded'] });
  });

  it('MeetingForwardPlanRecorded: the column, "Forward plan recorded", then "revised"', async () => {
    const column = { number: 36, activities: ['SCR Update'], agendaItems: ['M7 Updates'], standingItems: ['Next steps'] };
    const recorded = calendar({ type: 'MeetingForwardPlanRecorded', data: column });
    const first = await given(scheduled36).when(recorded);
    expect(first.item.view['forwardPlan']).toEqual({
      activities: ['SCR Update'],
      agendaItems: ['M7 Updates'],
      standingItems: ['Next steps'],
    });
    expect(first.movement?.summary).toEqual(['Forward plan recorded']);
    const again = await given(scheduled36, recorded).when(
      calendar({ type: 'MeetingForwardPlanRecorded', data: { ...column, agendaItems: ['M7 Updates', 'M8 Updates'] } }),
    );
    expect(again.movement?.summary).toEqual(['Forward plan revised']);
  });

  it('MeetingHeld: held, with the boundary that "as of CCAG 36" resolves to', async () => {
    // The hold covers the log up to the risk, the second event.
    const then = await given(scheduled36, riskRaised).when(
      calendar({ type: 'MeetingHeld', data: { number: 36, heldOn: '2024-11-27', boundaryPosition: '2', digest, treeHead: null } }),
    );
    expect(then.before.position).toBe('2');
    expect(then.item.view).toMatchObject({ status: 'Held', heldOn: '2024-11-27', boundaryPosition: '2', digest });
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Held on 27/11/24'] });
    // The other meetings of the calendar are separate items of the one stream.
    expect(then.versions).toHaveLength(2);
  });

  it('MeetingHeld without being scheduled: the meeting appears by being held', async () => {
    const then = await given(riskRaised).when(
      calendar({ type: 'MeetingHeld', data: { number: 35, heldOn: '2024-10-23', boundaryPosition: '1', digest, treeHead: null } }),
    );
    expect(then.item).toMatchObject({ id: 'meeting:35', version: 1, view: { status: 'Held', date: '2024-10-23' } });
    expect(then.movement).toMatchObject({ change: 'NEW', summary: ['Held on 23/10/24'] });
  });

  it('MeetingCorrected: a wrong held date fixed is a correction', async () => {
    const then = await given(
      scheduled36,
      calendar({ type: 'MeetingHeld', data: { number: 36, heldOn: '2024-11-27', boundaryPosition: '1', digest, treeHead: null } }),
    ).when(calendar({ type: 'MeetingCorrected', data: { number: 36, fields: { heldOn: '2024-11-28' }, reason: 'Held the day after' } }));
    expect(then.item.view['heldOn']).toBe('2024-11-28');
    expect(then.movement).toMatchObject({ change: 'UNCHANGED' });
    expect(then.corrections).toEqual([
      expect.objectContaining({ id: 'meeting:36', fields: [{ field: 'heldOn', from: '2024-11-27', to: '2024-11-28' }] }),
    ]);
  });

  it('has a spec for every meeting event type', () => {
    coverage.expectEveryTypeSeen();
  });
});
