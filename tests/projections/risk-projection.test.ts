import { describe, expect, it } from 'vitest';
import { riskModule } from '../../services/risk/index.ts';
import type { RiskEvent } from '../../services/risk/events.ts';
import { asItemModule } from '../../services/core/registry.ts';
import { EventTypeCoverage, projectionSpec, type SpecEvent } from '../support/projection-spec.ts';

const coverage = new EventTypeCoverage(asItemModule(riskModule));
const { given } = projectionSpec(coverage);

/** An event of risk R920's stream (or another risk's), as the log holds it. */
const r920 = (event: RiskEvent, actor?: string): SpecEvent => ({ stream: 'risk:R920', ...event, ...(actor ? { actor } : {}) });

const raisedR920 = r920({
  type: 'RiskRaised',
  data: {
    riskId: 'R920',
    description: 'There is a risk that Code Drafting does not reflect the intended MHHS design',
    score: 20,
    mitigationPlan: ['Keep both documents aligned', 'Use the DIN process'],
    raisedOn: '2024-06-12',
    relatedChangeProposals: [],
  },
});
const raisedR202: SpecEvent = {
  stream: 'risk:R202',
  type: 'RiskRaised',
  data: {
    ...(raisedR920.data as object),
    riskId: 'R202',
    description: 'Programme testing may identify changes to baselined code',
    score: 12,
  },
};

describe('the register and movement for risks', () => {
  it('RiskRaised: a new risk, version 1, "New item"', async () => {
    const then = await given().when({ ...raisedR920, actor: 'alice@programme' });
    expect(then.itemBefore).toBeUndefined();
    expect(then.item).toMatchObject({
      id: 'risk:R920',
      kind: 'risk',
      version: 1,
      view: {
        riskId: 'R920',
        score: 20,
        status: 'Open',
        raisedOn: '2024-06-12',
        closedOn: null,
        mitigationPlan: ['Keep both documents aligned', 'Use the DIN process'],
      },
      lastChange: { actor: 'alice@programme', eventType: 'RiskRaised' },
    });
    expect(then.history).toEqual([
      expect.objectContaining({ type: 'RiskRaised', itemId: 'risk:R920', kind: 'risk', actor: 'alice@programme', correction: false }),
    ]);
    expect(then.movement).toMatchObject({ change: 'NEW', summary: ['New item'], fields: [] });
  });

  it('RiskScoreAssessed downwards: "Score reduced from 20 to 10", the old score kept as of before', async () => {
    const then = await given(raisedR920, raisedR202).when(r920({ type: 'RiskScoreAssessed', data: { from: 20, to: 10 } }, 'bob@programme'));
    expect(then.item).toMatchObject({
      version: 2,
      view: { score: 10 },
      lastChange: { actor: 'bob@programme', eventType: 'RiskScoreAssessed' },
    });
    expect(then.itemBefore).toMatchObject({ version: 1, view: { score: 20 } });
    expect(then.versions.map((v) => v.view['score'])).toEqual([20, 10]);
    expect(then.movement).toMatchObject({
      change: 'CHANGED',
      fields: [{ field: 'score', from: 20, to: 10 }],
      summary: ['Score reduced from 20 to 10'],
    });
    expect(then.movements.find((m) => m.id === 'risk:R202')).toMatchObject({ change: 'UNCHANGED', summary: ['No change'] });
  });

  it('RiskScoreAssessed upwards: "Score increased from 10 to 15"', async () => {
    const then = await given(raisedR920, r920({ type: 'RiskScoreAssessed', data: { from: 20, to: 10 } })).when(
      r920({ type: 'RiskScoreAssessed', data: { from: 10, to: 15 } }),
    );
    expect(then.item.view['score']).toBe(15);
    expect(then.movement?.summary).toEqual(['Score increased from 10 to 15']);
  });

  it('RiskMitigationRevised: the new plan, "Mitigation plan revised"', async () => {
    const then = await given(raisedR920).when(
      r920({ type: 'RiskMitigationRevised', data: { mitigationPlan: ['Monthly meeting between Test and Code'] } }),
    );
    expect(then.item.view['mitigationPlan']).toEqual(['Monthly meeting between Test and Code']);
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Mitigation plan revised'] });
  });

  it('RiskDescriptionEdited: the new description, "Description revised"', async () => {
    const then = await given(raisedR920).when(
      r920({ type: 'RiskDescriptionEdited', data: { description: 'Swagger may not align with DES138' } }),
    );
    expect(then.item.view['description']).toBe('Swagger may not align with DES138');
    expect(then.movement).toMatchObject({ change: 'CHANGED', fields: [{ field: 'description' }], summary: ['Description revised'] });
  });

  it('RiskClosed: closed on its day, CLOSED', async () => {
    const then = await given(raisedR920).when(
      r920({ type: 'RiskClosed', data: { on: '2024-11-27', reason: 'Mitigated by the DIN process' } }),
    );
    expect(then.item.view).toMatchObject({ status: 'Closed', closedOn: '2024-11-27' });
    expect(then.movement).toMatchObject({ change: 'CLOSED', summary: ['Closed'] });
    expect(then.movement?.fields.map((f) => f.field).sort()).toEqual(['closedOn', 'status']);
  });

  it('RiskReopened with a new score: open again, "Reopened" and the score line', async () => {
    const then = await given(raisedR920, r920({ type: 'RiskClosed', data: { on: '2024-11-27', reason: null } })).when(
      r920({ type: 'RiskReopened', data: { score: 25 } }),
    );
    expect(then.item.view).toMatchObject({ status: 'Open', closedOn: null, score: 25 });
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Reopened', 'Score increased from 20 to 25'] });
  });

  it('RiskRelatedChangeProposalsChanged: related CPs added and removed', async () => {
    const then = await given(
      raisedR920,
      r920({ type: 'RiskRelatedChangeProposalsChanged', data: { added: ['cp:REC:R0209', 'cp:BSC:P478'], removed: [] } }),
    ).when(r920({ type: 'RiskRelatedChangeProposalsChanged', data: { added: ['cp:DCUSA:DCP445'], removed: ['cp:REC:R0209'] } }));
    expect(then.item.view['relatedChangeProposals']).toEqual(['cp:BSC:P478', 'cp:DCUSA:DCP445']);
    expect(then.movement).toMatchObject({ change: 'CHANGED', summary: ['Related change proposals changed'] });
  });

  it('RiskCorrected: the register shows the fix, listed as a correction, not as movement', async () => {
    const then = await given(raisedR920).when(
      r920({ type: 'RiskCorrected', data: { fields: { score: 18 }, reason: 'Typed 20 for 18' } }, 'secretariat@ccag'),
    );
    expect(then.item).toMatchObject({ version: 2, view: { score: 18 }, lastChange: { eventType: 'RiskCorrected' } });
    expect(then.history.at(-1)).toMatchObject({ type: 'RiskCorrected', correction: true });
    expect(then.movement).toMatchObject({ change: 'UNCHANGED', fields: [], summary: ['No change'] });
    expect(then.corrections).toEqual([
      expect.objectContaining({
        id: 'risk:R920',
        kind: 'risk',
        eventType: 'RiskCorrected',
        fields: [{ field: 'score', from: 20, to: 18 }],
        reason: 'Typed 20 for 18',
        actor: 'secretariat@ccag',
      }),
    ]);
  });

  it('has a spec for every risk event type', () => {
    coverage.expectEveryTypeSeen();
  });
});
