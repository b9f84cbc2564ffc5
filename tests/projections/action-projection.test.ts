import { describe, expect, it } from 'vitest';
import { actionModule } from '../../services/action/index.ts';
import type { ActionEvent } from '../../services/action/events.ts';
import { asItemModule } from '../../services/core/registry.ts';
import { EventTypeCoverage, projectionSpec, type SpecEvent } from '../support/projection-spec.ts';

const coverage = new EventTypeCoverage(asItemModule(actionModule));
const { given } = projectionSpec(coverage);

/** An event of action CCAG35-04's stream, as the log holds it. */
const a04 = (event: ActionEvent): SpecEvent => ({ stream: 'action:CCAG35-04', ...event });

const raised = a04({
  type: 'ActionRaised',
  data: {
    ref: 'CCAG35-04',
    meeting: 35,
    raisedOn: '2024-10-23',
    text: 'REC to investigate the impact to Qualification of design updates',
    owner: { party: 'REC', person: 'Andrew Wallace' },
    dueDate: '2024-11-27',
    relatedChangeProposals: [],
  },
});

describe('the register and movement for actions', () => {
  it('ActionRaised: open, from its meeting, "New"', async () => {
    const then = await given().when(raised);
    expect(then.item).toMatchObject({
      id: 'action:CCAG35-04',
      version: 1,
      view: {
        ref: 'CCAG35-04',
        meeting: 35,
        status: 'Open',
        dueDate: '2024-11-27',
        update: null,
        owner: { party: 'REC', person: 'Andrew Wallace' },
      },
    });
    expect(then.movement).toMatchObject({ change: 'NEW', summary: ['New'] });
  });

  it('ActionUpdateGiven: the update shown, "Update given"', async () => {
    const then = await given(raised).when(a04({ type: 'ActionUpdateGiven', data: { update: 'Update provided at QWG on 12 November.' } }));
    expect(then.item.view).toMatchObject({ update: 'Update provided at QWG on 12 November.', status: 'Open' });
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Update given'] });
  });

  it('ActionDueDateChanged: "Due date moved from 27/11/24 to 11/12/24"', async () => {
    const then = await given(raised).when(a04({ type: 'ActionDueDateChanged', data: { from: '2024-11-27', to: '2024-12-11' } }));
    expect(then.item.view['dueDate']).toBe('2024-12-11');
    expect(then.itemBefore?.view['dueDate']).toBe('2024-11-27');
    expect(then.movement).toMatchObject({
      change: 'CHANGED',
      fields: [{ field: 'dueDate', from: '2024-11-27', to: '2024-12-11' }],
      summary: ['Due date moved from 27/11/24 to 11/12/24'],
    });
  });

  it('ActionReassigned: "Owner changed from ... to ..."', async () => {
    const then = await given(raised).when(
      a04({
        type: 'ActionReassigned',
        data: { from: { party: 'REC', person: 'Andrew Wallace' }, to: { party: 'Code Bodies', person: null } },
      }),
    );
    expect(then.item.view['owner']).toEqual({ party: 'Code Bodies', person: null });
    expect(then.movement?.summary).toEqual(['Owner changed from REC (Andrew Wallace) to Code Bodies']);
  });

  it('ActionRecommendedClosed: "Recommended closed", with its update', async () => {
    const then = await given(raised).when(
      a04({ type: 'ActionRecommendedClosed', data: { update: 'RECOMMENDED CLOSED: Update provided at QWG on 12 November.' } }),
    );
    expect(then.item.view).toMatchObject({
      status: 'Recommended closed',
      update: 'RECOMMENDED CLOSED: Update provided at QWG on 12 November.',
    });
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Recommended closed'] });
  });

  it('ActionClosed: CLOSED, "Closed"', async () => {
    const then = await given(raised, a04({ type: 'ActionRecommendedClosed', data: { update: null } })).when(
      a04({ type: 'ActionClosed', data: { update: null } }),
    );
    expect(then.item.view['status']).toBe('Closed');
    expect(then.movement).toMatchObject({
      change: 'CLOSED',
      summary: ['Closed'],
      fields: [{ field: 'status', from: 'Recommended closed', to: 'Closed' }],
    });
  });

  it('ActionReopened: open again, "Reopened"', async () => {
    const then = await given(raised, a04({ type: 'ActionClosed', data: { update: null } })).when(
      a04({ type: 'ActionReopened', data: { from: 'Closed', update: 'Reopened: the plan was not shared' } }),
    );
    expect(then.item.view).toMatchObject({ status: 'Open', update: 'Reopened: the plan was not shared' });
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Reopened'] });
  });

  it('ActionRelatedChangeProposalsChanged: related CPs listed', async () => {
    const then = await given(raised).when(
      a04({ type: 'ActionRelatedChangeProposalsChanged', data: { added: ['cp:REC:R0209'], removed: [] } }),
    );
    expect(then.item.view['relatedChangeProposals']).toEqual(['cp:REC:R0209']);
    expect(then.movement?.summary).toEqual(['Related change proposals changed']);
  });

  it('ActionCorrected: a fixed due date is a correction, not "Due date moved"', async () => {
    const then = await given(raised).when(
      a04({ type: 'ActionCorrected', data: { fields: { dueDate: '2024-11-28' }, reason: 'Pack said 28/11' } }),
    );
    expect(then.item.view['dueDate']).toBe('2024-11-28');
    expect(then.movement).toMatchObject({ change: 'UNCHANGED', summary: ['No change'] });
    expect(then.corrections).toEqual([
      expect.objectContaining({
        id: 'action:CCAG35-04',
        fields: [{ field: 'dueDate', from: '2024-11-27', to: '2024-11-28' }],
        reason: 'Pack said 28/11',
      }),
    ]);
  });

  it('has a spec for every action event type', () => {
    coverage.expectEveryTypeSeen();
  });
});
