import { describe, expect, it } from 'vitest';
import { workstreamReportModule, type WorkstreamReportEvent } from '../../services/workstream-report/index.ts';
import { asItemModule } from '../../services/core/registry.ts';
import { EventTypeCoverage, projectionSpec, type SpecEvent } from '../support/projection-spec.ts';

const coverage = new EventTypeCoverage(asItemModule(workstreamReportModule));
const { given } = projectionSpec(coverage);

/** An event of the DIP Manager's report to CCAG #36. */
const dip36 = (event: WorkstreamReportEvent): SpecEvent => ({ stream: 'workstream-report:36:DIP-M8', ...event });
const submitted = dip36({
  type: 'WorkstreamReportSubmitted',
  data: {
    meeting: 36,
    workstream: 'DIP-M8',
    rag: 'Green',
    overallStatus: ['DIP Manager Governance went live on 01 October 24 – Governance Framework and Change process'],
    monthlySummary: ['DIP Change Report published'],
    nextMonthDeliverables: ['DIP CR drafting relating to Programme CR054 – Change to Non Functionals for LDSOs complete'],
  },
});

describe('the register and movement for workstream reports', () => {
  it('WorkstreamReportSubmitted: the report, "Reported Green"', async () => {
    const then = await given().when(submitted);
    expect(then.item).toMatchObject({
      id: 'workstream-report:36:DIP-M8',
      version: 1,
      view: { meeting: 36, workstream: 'DIP-M8', rag: 'Green' },
    });
    expect(then.movement).toMatchObject({ change: 'NEW', summary: ['Reported Green'] });
  });

  it('WorkstreamStatusReported: "Overall status moved from Green to Amber"', async () => {
    const then = await given(submitted).when(dip36({ type: 'WorkstreamStatusReported', data: { from: 'Green', to: 'Amber' } }));
    expect(then.item.view['rag']).toBe('Amber');
    expect(then.movement?.summary).toEqual(['Overall status moved from Green to Amber']);
  });

  it('WorkstreamReportRevised: each revised section named', async () => {
    const then = await given(submitted).when(
      dip36({ type: 'WorkstreamReportRevised', data: { monthlySummary: ['DCR0001 raised'], nextMonthDeliverables: [] } }),
    );
    expect(then.item.view).toMatchObject({ monthlySummary: ['DCR0001 raised'], nextMonthDeliverables: [] });
    expect(then.movement?.summary).toEqual(['Monthly summary revised', 'Next month deliverables revised']);
  });

  it('WorkstreamReportCorrected: a correction, not movement', async () => {
    const then = await given(submitted).when(
      dip36({ type: 'WorkstreamReportCorrected', data: { fields: { rag: 'Amber' }, reason: 'reported Amber, typed Green' } }),
    );
    expect(then.movement).toMatchObject({ change: 'UNCHANGED' });
    expect(then.corrections).toEqual([
      expect.objectContaining({ id: 'workstream-report:36:DIP-M8', fields: [{ field: 'rag', from: 'Green', to: 'Amber' }] }),
    ]);
  });

  it('has a spec for every workstream report event type', () => {
    coverage.expectEveryTypeSeen();
  });
});
