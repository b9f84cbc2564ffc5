import { describe, expect, it } from 'vitest';
import { riskThemeModule, type RiskThemeEvent } from '../../services/risk-theme/index.ts';
import { asItemModule } from '../../services/core/registry.ts';
import { EventTypeCoverage, projectionSpec, type SpecEvent } from '../support/projection-spec.ts';

const coverage = new EventTypeCoverage(asItemModule(riskThemeModule));
const { given } = projectionSpec(coverage);

const theme = (event: RiskThemeEvent): SpecEvent => ({ stream: 'risk-theme:top-risks-to-the-code-workstream', ...event });
const raised = theme({
  type: 'RiskThemeRaised',
  data: {
    key: 'top-risks-to-the-code-workstream',
    theme: 'Top risks to the Code Workstream',
    summary: 'The main risk to Code delivery is late changes',
    mitigationApproach: ['Monitoring triggers to Design and Code change'],
    raisedOn: '2024-10-16',
  },
});

describe('the register and movement for risk themes', () => {
  it('RiskThemeRaised: Open, "New theme"', async () => {
    const then = await given().when(raised);
    expect(then.item).toMatchObject({ id: 'risk-theme:top-risks-to-the-code-workstream', view: { status: 'Open', retiredOn: null } });
    expect(then.movement).toMatchObject({ change: 'NEW', summary: ['New theme'] });
  });

  it('RiskThemeRevised: "Mitigation approach revised"', async () => {
    const then = await given(raised).when(theme({ type: 'RiskThemeRevised', data: { mitigationApproach: ['Front load SCR processes'] } }));
    expect(then.item.view['mitigationApproach']).toEqual(['Front load SCR processes']);
    expect(then.movement?.summary).toEqual(['Mitigation approach revised']);
  });

  it('RiskThemeRetired: CLOSED, "Retired on 22/01/25"', async () => {
    const then = await given(raised).when(theme({ type: 'RiskThemeRetired', data: { on: '2025-01-22' } }));
    expect(then.item.view).toMatchObject({ status: 'Retired', retiredOn: '2025-01-22' });
    expect(then.movement).toMatchObject({ change: 'CLOSED', summary: ['Retired on 22/01/25'] });
  });

  it('RiskThemeCorrected: a correction, not movement', async () => {
    const then = await given(raised).when(
      theme({ type: 'RiskThemeCorrected', data: { fields: { summary: 'The main risk is late changes' }, reason: 'typo' } }),
    );
    expect(then.movement).toMatchObject({ change: 'UNCHANGED' });
    expect(then.corrections).toEqual([expect.objectContaining({ id: 'risk-theme:top-risks-to-the-code-workstream', reason: 'typo' })]);
  });

  it('has a spec for every risk theme event type', () => {
    coverage.expectEveryTypeSeen();
  });
});
