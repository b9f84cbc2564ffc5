import type { RiskThemeView } from '../../risk-theme/view.ts';
import type { PackContext } from '../context.ts';
import { bulleted, cells, type PackTable } from '../model.ts';

/**
 * "Top Programme Risks related to CCAG": the theme table above the key risks, in the order
 * the themes were raised. A theme retired before the last meeting and unchanged since is
 * left out, as the movement report leaves it (services/risk-theme/report.ts); one retired
 * since is shown once more, marked so.
 */
export function riskThemesTable(ctx: PackContext): PackTable | undefined {
  const themes = ctx
    .views<RiskThemeView>('riskTheme')
    .filter((t) => !(t.status === 'Retired' && ctx.movementOf('riskTheme', t.id)?.change === 'UNCHANGED'))
    .sort((a, b) => a.raisedOn.localeCompare(b.raisedOn) || a.id.localeCompare(b.id));
  if (themes.length === 0) return undefined;
  return {
    kind: 'table',
    id: 'risk-themes',
    title: 'Top Programme Risks related to CCAG',
    columns: ['Theme', 'Summary', 'Mitigation Approach Overview'],
    widths: [3, 6, 9],
    rows: themes.map((t) => cells(t.status === 'Retired' ? `${t.theme} (retired)` : t.theme, t.summary, bulleted(t.mitigationApproach))),
  };
}
