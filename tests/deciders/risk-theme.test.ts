import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError } from '../../services/core/errors.ts';
import { riskThemeCommandSchemas, riskThemeDecider, riskThemeModule, type RiskThemeEvent } from '../../services/risk-theme/index.ts';
import { commandsOf, deciderSpec } from '../support/decider-spec.ts';

const spec = deciderSpec(riskThemeDecider);
const { command, badPaths } = commandsOf(riskThemeCommandSchemas);

const THEME = 'Top risks to the Code Workstream';
const raised: RiskThemeEvent = {
  type: 'RiskThemeRaised',
  data: {
    key: 'top-risks-to-the-code-workstream',
    theme: THEME,
    summary: 'The main risk to Code delivery is late changes',
    mitigationApproach: ['Monitoring triggers to Design and Code change'],
    raisedOn: '2024-10-16',
  },
};

describe('a risk theme', () => {
  it('is raised under the slug of its theme, once', () => {
    spec
      .given([])
      .when(
        command('RaiseRiskTheme', {
          theme: THEME,
          summary: raised.data.summary,
          mitigationApproach: raised.data.mitigationApproach,
          raisedOn: '16/10/2024',
        }),
      )
      .then([raised]);
    spec
      .given([raised])
      .when(command('RaiseRiskTheme', { theme: THEME, summary: 'again', mitigationApproach: [], raisedOn: '2024-10-16' }))
      .thenThrows(InvalidTransitionError, /already on the register/);
  });

  it('is named by its key or by its theme in later commands', () => {
    const approach = [...raised.data.mitigationApproach, 'Front load SCR processes'];
    for (const key of [THEME, 'top-risks-to-the-code-workstream']) {
      spec
        .given([raised])
        .when(command('ReviseRiskTheme', { key, mitigationApproach: approach }))
        .then([{ type: 'RiskThemeRevised', data: { mitigationApproach: approach } }]);
    }
  });

  it('is retired once; a retired theme is corrected, not revised', () => {
    const retired: RiskThemeEvent = { type: 'RiskThemeRetired', data: { on: '2025-01-22' } };
    spec
      .given([raised])
      .when(command('RetireRiskTheme', { key: THEME, on: '22/01/2025' }))
      .then([retired]);
    spec
      .given([raised, retired])
      .when(command('RetireRiskTheme', { key: THEME, on: '2025-01-23' }))
      .thenThrows(InvalidTransitionError, /already retired/);
    spec
      .given([raised, retired])
      .when(command('ReviseRiskTheme', { key: THEME, summary: 'x' }))
      .thenThrows(InvalidTransitionError, /correct it instead/);
    spec
      .given([raised, retired])
      .when(command('CorrectRiskTheme', { key: THEME, fields: { summary: 'The main risk is late changes' }, reason: 'typo' }))
      .then([{ type: 'RiskThemeCorrected', data: { fields: { summary: 'The main risk is late changes' }, reason: 'typo' } }]);
  });

  it('refuses a theme never raised', () => {
    spec
      .given([])
      .when(command('RetireRiskTheme', { key: 'Other', on: '2025-01-22' }))
      .thenThrows(NotFoundError, /risk-theme:other/);
  });

  it('names every bad field, a theme without a letter or digit included', () => {
    expect(badPaths('RaiseRiskTheme', { theme: '—', summary: '', mitigationApproach: [' '], raisedOn: '31/02/2024' }).sort()).toEqual([
      'mitigationApproach.0',
      'raisedOn',
      'summary',
      'theme',
    ]);
    expect(riskThemeModule.streamOf(command('RetireRiskTheme', { key: THEME, on: '2025-01-22' }))).toBe(
      'risk-theme:top-risks-to-the-code-workstream',
    );
  });
});
