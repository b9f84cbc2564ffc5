import { describe, expect, it } from 'vitest';
import { milestoneModule } from '../../services/milestone/index.ts';
import type { MilestoneEvent } from '../../services/milestone/events.ts';
import { asItemModule } from '../../services/core/registry.ts';
import { EventTypeCoverage, projectionSpec, type SpecEvent } from '../support/projection-spec.ts';

const coverage = new EventTypeCoverage(asItemModule(milestoneModule));
const { given } = projectionSpec(coverage);

const on = (date: string) => ({ kind: 'date' as const, date });

/** An event of milestone REC-M8 T2-RE-0600's stream, as the log holds it. */
const m0600 = (event: MilestoneEvent): SpecEvent => ({ stream: 'milestone:REC-M8:T2-RE-0600', ...event });

const baselined = m0600({
  type: 'MilestoneBaselined',
  data: {
    workstream: 'REC-M8',
    ref: 'T2-RE-0600',
    key: 'T2-RE-0600',
    description: 'REC M8 code drafting complete',
    baselineDate: on('2025-09-24'),
    forecastDate: on('2025-09-24'),
    status: 'Green',
    relatedChangeProposals: [],
  },
});

describe('the register and movement for milestones', () => {
  it('MilestoneBaselined: forecast at the baseline, Green, "New milestone"', async () => {
    const then = await given().when(baselined);
    expect(then.item).toMatchObject({
      id: 'milestone:REC-M8:T2-RE-0600',
      version: 1,
      view: {
        ref: 'T2-RE-0600',
        status: 'Green',
        baselineDate: on('2025-09-24'),
        forecastDate: on('2025-09-24'),
        completedOn: null,
        rebaselines: [],
      },
    });
    expect(then.movement).toMatchObject({ change: 'NEW', summary: ['New milestone'] });
  });

  it('MilestoneRebaselined: the new baseline and its reason kept', async () => {
    const then = await given(baselined).when(
      m0600({ type: 'MilestoneRebaselined', data: { from: on('2025-09-24'), to: on('2025-10-31'), reason: 'CR055 approved' } }),
    );
    expect(then.item.view).toMatchObject({
      baselineDate: on('2025-10-31'),
      rebaselines: [{ from: on('2025-09-24'), to: on('2025-10-31'), reason: 'CR055 approved' }],
    });
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Re-baselined from 24/09/25 to 31/10/25'] });
  });

  it('MilestoneForecastChanged: "Forecast moved from 24/09/25 to 31/10/25"', async () => {
    const then = await given(baselined).when(
      m0600({ type: 'MilestoneForecastChanged', data: { from: on('2025-09-24'), to: on('2025-10-31') } }),
    );
    expect(then.item.view['forecastDate']).toEqual(on('2025-10-31'));
    expect(then.movement).toMatchObject({
      change: 'CHANGED',
      fields: [{ field: 'forecastDate', from: on('2025-09-24'), to: on('2025-10-31') }],
      summary: ['Forecast moved from 24/09/25 to 31/10/25'],
    });
  });

  it('MilestoneForecastChanged to a per-party forecast, worded as the pack writes it', async () => {
    const perParty = {
      kind: 'perParty' as const,
      parts: [
        { parties: ['BSC'], date: on('2024-10-13') },
        { parties: ['REC'], date: on('2024-10-09') },
      ],
    };
    const then = await given(baselined).when(m0600({ type: 'MilestoneForecastChanged', data: { from: on('2025-09-24'), to: perParty } }));
    expect(then.movement?.summary).toEqual(['Forecast moved from 24/09/25 to Sun 13/10/24 for BSC; Wed 09/10/24 for REC']);
  });

  it('MilestoneStatusReported: "Status changed from Green to Amber"', async () => {
    const then = await given(baselined).when(m0600({ type: 'MilestoneStatusReported', data: { from: 'Green', to: 'Amber' } }));
    expect(then.item.view['status']).toBe('Amber');
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Status changed from Green to Amber'] });
  });

  it('MilestoneCompleted: COMPLETED, "Complete"', async () => {
    const then = await given(baselined, m0600({ type: 'MilestoneStatusReported', data: { from: 'Green', to: 'Amber' } })).when(
      m0600({ type: 'MilestoneCompleted', data: { on: '2025-09-30', from: 'Amber' } }),
    );
    expect(then.item.view).toMatchObject({ status: 'Complete', completedOn: '2025-09-30' });
    expect(then.movement).toMatchObject({ change: 'COMPLETED', summary: ['Complete'] });
  });

  it('MilestoneDescriptionEdited: "Description revised"', async () => {
    const then = await given(baselined).when(
      m0600({ type: 'MilestoneDescriptionEdited', data: { description: 'REC M8 drafting signed off' } }),
    );
    expect(then.item.view['description']).toBe('REC M8 drafting signed off');
    expect(then.movement?.summary).toEqual(['Description revised']);
  });

  it('MilestoneRelatedChangeProposalsChanged: related CPs listed', async () => {
    const then = await given(baselined).when(
      m0600({ type: 'MilestoneRelatedChangeProposalsChanged', data: { added: ['cp:REC:R0209', 'cp:BSC:P478'], removed: [] } }),
    );
    expect(then.item.view['relatedChangeProposals']).toEqual(['cp:REC:R0209', 'cp:BSC:P478']);
    expect(then.movement?.summary).toEqual(['Related change proposals changed']);
  });

  it('MilestoneDisplayOrderSet: its place in the table, "Display order set to 3"', async () => {
    const then = await given(baselined).when(m0600({ type: 'MilestoneDisplayOrderSet', data: { from: null, to: 3 } }));
    expect(then.item.view['displayOrder']).toBe(3);
    expect(then.itemBefore?.view['displayOrder']).toBeNull();
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Display order set to 3'] });
  });

  it('MilestoneCorrected: a mistyped forecast fixed is a correction, not movement', async () => {
    const then = await given(baselined).when(
      m0600({ type: 'MilestoneCorrected', data: { fields: { forecastDate: on('2025-09-25') }, reason: 'Pack typo' } }),
    );
    expect(then.item.view['forecastDate']).toEqual(on('2025-09-25'));
    expect(then.movement).toMatchObject({ change: 'UNCHANGED', summary: ['No change'] });
    expect(then.corrections).toEqual([
      expect.objectContaining({
        id: 'milestone:REC-M8:T2-RE-0600',
        fields: [{ field: 'forecastDate', from: on('2025-09-24'), to: on('2025-09-25') }],
      }),
    ]);
  });

  it('has a spec for every milestone event type', () => {
    coverage.expectEveryTypeSeen();
  });
});
