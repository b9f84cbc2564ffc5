import type { ItemPresenter } from '../core/presenter.ts';
import { containsText, inListIgnoringCase } from '../core/presenter.ts';
import { dayText } from '../core/phrases.ts';
import { riskThemeTable } from './report.ts';
import { riskThemeStatus, riskThemeViewSchema, type RiskThemeView } from './view.ts';

export const riskThemePresenter: ItemPresenter<RiskThemeView> = {
  viewSchema: riskThemeViewSchema,
  names: { plural: 'risk themes', file: 'risk-themes' },
  graphql: { typeName: 'RiskTheme', kindEnum: 'RISK_THEME', one: 'riskTheme', list: 'riskThemes' },
  ref: (theme) => theme.key,
  label: (theme) => `Risk theme "${theme.theme}"`,
  shape: (theme) => ({ ref: theme.key }),
  matches: (theme, f) => inListIgnoringCase(f['statuses'], theme.status) && containsText(`${theme.theme}\n${theme.summary}`, f['text']),
  describeNew: () => 'New theme',
  describeChanges({ after, moved, say }) {
    if (moved('status')) say(`Retired on ${dayText(after.retiredOn)}`, 'status', 'retiredOn');
    if (moved('theme')) say('Theme renamed', 'theme');
    if (moved('summary')) say('Summary revised', 'summary');
    if (moved('mitigationApproach')) say('Mitigation approach revised', 'mitigationApproach');
  },
  classify: (after, moved) => (after.status === 'Retired' && moved('status') ? 'CLOSED' : 'CHANGED'),
  reportTables: riskThemeTable,
  statuses: () => riskThemeStatus.options,
};
