import { describe, expect, it } from 'vitest';
import { changeProposalModule } from '../../services/change-proposal/index.ts';
import type { ChangeProposalEvent } from '../../services/change-proposal/events.ts';
import { asItemModule } from '../../services/core/registry.ts';
import { EventTypeCoverage, projectionSpec, type SpecEvent } from '../support/projection-spec.ts';

const coverage = new EventTypeCoverage(asItemModule(changeProposalModule));
const { given } = projectionSpec(coverage);

/** An event of DCUSA DCP444's stream, as the log holds it. */
const dcp444 = (event: ChangeProposalEvent): SpecEvent => ({ stream: 'cp:DCUSA:DCP444', ...event });

const raised = dcp444({
  type: 'ChangeProposalRaised',
  data: {
    codeBody: 'DCUSA',
    ref: 'DCP444',
    title: 'MHHS consequential changes',
    summary: 'Aligns DCUSA with the MHHS design',
    stakeholderPositions: null,
    raisedOn: '2024-08-02',
    status: 'Voting',
    decisionDate: { kind: 'tbc' },
    mhhsImpact: 'Direct impact',
    keyDates: [],
    release: null,
    relatedChangeProposals: [],
  },
});
const raisedP478: SpecEvent = {
  stream: 'cp:BSC:P478',
  type: 'ChangeProposalRaised',
  data: {
    ...(raised.data as object),
    codeBody: 'BSC',
    ref: 'P478',
    title: 'MHHS BSC changes',
    summary: 'BSC side of the programme decision',
    raisedOn: '2024-08-08',
    status: 'New',
    mhhsImpact: 'Of interest',
  },
};
const decidedOn = (date: string) => ({ kind: 'date' as const, date });

describe('the register and movement for change proposals', () => {
  it('ChangeProposalRaised: on the log with TBC decision date, a new CP', async () => {
    const then = await given(raisedP478).when(raised);
    expect(then.item).toMatchObject({
      id: 'cp:DCUSA:DCP444',
      version: 1,
      view: { status: 'Voting', decisionDate: { kind: 'tbc' }, updates: [], withdrawal: null, release: null },
    });
    expect(then.movement).toMatchObject({ change: 'NEW', summary: ['Added to the Horizon Scanning Log'] });
    // CPs already on the log are the pack's "existing" list.
    expect(then.movements.find((m) => m.id === 'cp:BSC:P478')).toMatchObject({ change: 'UNCHANGED', summary: ['No change'] });
  });

  it('ChangeProposalDetailsEdited: only the given details change', async () => {
    const then = await given(raised).when(
      dcp444({ type: 'ChangeProposalDetailsEdited', data: { mhhsImpact: 'Of interest', stakeholderPositions: 'Supported' } }),
    );
    expect(then.item.view).toMatchObject({
      mhhsImpact: 'Of interest',
      stakeholderPositions: 'Supported',
      title: 'MHHS consequential changes',
    });
    expect(then.movement?.summary).toEqual(['Stakeholder positions revised', 'MHHS impact changed to "Of interest"']);
  });

  it('ChangeProposalStatusChanged: "Status changed from Voting to Awaiting Authority decision"', async () => {
    const then = await given(raised).when(
      dcp444({ type: 'ChangeProposalStatusChanged', data: { from: 'Voting', to: 'Awaiting Authority decision' } }),
    );
    expect(then.item.view['status']).toBe('Awaiting Authority decision');
    expect(then.movement).toMatchObject({
      change: 'CHANGED',
      fields: [{ field: 'status', from: 'Voting', to: 'Awaiting Authority decision' }],
      summary: ['Status changed from Voting to Awaiting Authority decision'],
    });
  });

  it('DecisionDateChanged: "Decision date moved from TBC to 11/12/2024"', async () => {
    const then = await given(raised).when(
      dcp444({ type: 'DecisionDateChanged', data: { from: { kind: 'tbc' }, to: decidedOn('2024-12-11') } }),
    );
    expect(then.item.view['decisionDate']).toEqual({ kind: 'date', date: '2024-12-11' });
    expect(then.movement?.summary).toEqual(['Decision date moved from TBC to 11/12/2024']);
  });

  it('ChangeProposalUpdateAdded: the dated update kept, "Update added"', async () => {
    const then = await given(raised).when(
      dcp444({ type: 'ChangeProposalUpdateAdded', data: { on: '2024-11-20', text: 'Party impact assessment has been published' } }),
    );
    expect(then.item.view['updates']).toEqual([{ on: '2024-11-20', text: 'Party impact assessment has been published' }]);
    expect(then.movement?.summary).toEqual(['Update added']);
  });

  it('KeyDatesSet: the timeline replaced', async () => {
    const keyDates = [{ event: 'Decision published', date: decidedOn('2025-01-06') }];
    const then = await given(raised).when(dcp444({ type: 'KeyDatesSet', data: { keyDates } }));
    expect(then.item.view['keyDates']).toEqual(keyDates);
    expect(then.movement?.summary).toEqual(['Key dates revised']);
  });

  it('ChangeProposalAssignedToRelease: "Assigned to release ..."', async () => {
    const then = await given(raised).when(dcp444({ type: 'ChangeProposalAssignedToRelease', data: { from: null, to: 'February 2025' } }));
    expect(then.item.view['release']).toBe('February 2025');
    expect(then.movement?.summary).toEqual(['Assigned to release February 2025']);
  });

  it('ChangeProposalWithdrawn: WITHDRAWN, with date and statement', async () => {
    const then = await given(raised).when(
      dcp444({ type: 'ChangeProposalWithdrawn', data: { on: '2024-11-15', statement: 'Superseded by DCP445', from: 'Voting' } }),
    );
    expect(then.item.view).toMatchObject({
      status: 'Withdrawn',
      withdrawal: { on: '2024-11-15', statement: 'Superseded by DCP445' },
      statusBeforeClosure: 'Voting',
    });
    expect(then.movement).toMatchObject({ change: 'WITHDRAWN', summary: ['Withdrawn'] });
  });

  it('ChangeProposalReinstated: back to its status, "Reinstated as Voting"', async () => {
    const then = await given(
      raised,
      dcp444({ type: 'ChangeProposalWithdrawn', data: { on: '2024-11-15', statement: 'Superseded', from: 'Voting' } }),
    ).when(dcp444({ type: 'ChangeProposalReinstated', data: { from: 'Withdrawn', to: 'Voting' } }));
    expect(then.item.view).toMatchObject({ status: 'Voting', withdrawal: null, statusBeforeClosure: null });
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Reinstated as Voting'] });
  });

  it('ChangeProposalRelatedChangeProposalsChanged: related CPs listed', async () => {
    const then = await given(raised).when(
      dcp444({ type: 'ChangeProposalRelatedChangeProposalsChanged', data: { added: ['cp:BSC:P478', 'cp:REC:R0209'], removed: [] } }),
    );
    expect(then.item.view['relatedChangeProposals']).toEqual(['cp:BSC:P478', 'cp:REC:R0209']);
    expect(then.movement?.summary).toEqual(['Related change proposals changed']);
  });

  it('ChangeProposalDisplayOrderSet: its place in the log, "Display order set to 2", then moved', async () => {
    const placed = dcp444({ type: 'ChangeProposalDisplayOrderSet', data: { from: null, to: 2 } });
    const first = await given(raised).when(placed);
    expect(first.item.view['displayOrder']).toBe(2);
    expect(first.movement).toMatchObject({ change: 'CHANGED', summary: ['Display order set to 2'] });
    const moved = await given(raised, placed).when(dcp444({ type: 'ChangeProposalDisplayOrderSet', data: { from: 2, to: 1 } }));
    expect(moved.movement?.summary).toEqual(['Display order moved from 2 to 1']);
  });

  it('ChangeProposalCorrected: a fixed decision date is a correction, with the reason given', async () => {
    const then = await given(
      raised,
      dcp444({ type: 'DecisionDateChanged', data: { from: { kind: 'tbc' }, to: decidedOn('2024-12-11') } }),
    ).when(
      dcp444({
        type: 'ChangeProposalCorrected',
        data: { fields: { decisionDate: decidedOn('2024-12-12') }, reason: 'Ofgem date is the 12th' },
      }),
    );
    expect(then.item.view['decisionDate']).toEqual({ kind: 'date', date: '2024-12-12' });
    expect(then.movement).toMatchObject({ change: 'UNCHANGED', summary: ['No change'] });
    expect(then.corrections).toEqual([
      expect.objectContaining({
        id: 'cp:DCUSA:DCP444',
        eventType: 'ChangeProposalCorrected',
        fields: [{ field: 'decisionDate', from: { kind: 'date', date: '2024-12-11' }, to: { kind: 'date', date: '2024-12-12' } }],
        reason: 'Ofgem date is the 12th',
      }),
    ]);
  });

  it('has a spec for every change proposal event type', () => {
    coverage.expectEveryTypeSeen();
  });
});
