import { describe, expect, it } from 'vitest';
import { meetingModule } from '../../services/meeting/index.ts';
import type { MeetingEvent } from '../../services/meeting/events.ts';
import { asItemModule } from '../../services/core/registry.ts';
import { EventTypeCoverage, projectionSpec, type SpecEvent } from '../support/projection-spec.ts';

const coverage = new EventTypeCoverage(asItemModule(meetingModule));
const { given } = projectionSpec(coverage);

/** Every meeting's events are in the one calendar stream. */
const calendar = (event: MeetingEvent): SpecEvent => ({ stream: 'meetings', ...event });
const scheduled36 = calendar({ type: 'MeetingScheduled', data: { number: 36, date: '2024-11-27', agenda: ['Horizon scanning'] } });
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
      view: { number: 36, date: '2024-11-27', status: 'Scheduled', agenda: ['Horizon scanning'], heldOn: null, boundaryPosition: null },
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

  it('MeetingAgendaPlanned: the agenda, "Agenda planned"', async () => {
    const then = await given(scheduled36).when(
      calendar({ type: 'MeetingAgendaPlanned', data: { number: 36, agenda: ['Actions', 'Risks'] } }),
    );
    expect(then.item.view['agenda']).toEqual(['Actions', 'Risks']);
    expect(then.movement?.summary).toEqual(['Agenda planned']);
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
