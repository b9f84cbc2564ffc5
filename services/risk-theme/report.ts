import { omittedNote, type ReportContext, type ReportedItem, type ReportTable } from '../core/report.ts';
import type { RiskThemeView } from './view.ts';

/** The pack's theme table above the risks: open themes, in the order they were raised. */
export function riskThemeTable(items: readonly ReportedItem<RiskThemeView>[], { since }: ReportContext): ReportTable[] {
  const retiredUnchanged = items.filter((m) => m.change === 'UNCHANGED' && m.after.view.status === 'Retired');
  const shown = items
    .filter((m) => !retiredUnchanged.includes(m))
    .sort((a, b) => a.after.view.raisedOn.localeCompare(b.after.view.raisedOn) || a.id.localeCompare(b.id));
  if (shown.length === 0) return [];
  return [
    {
      title: 'Top Programme Risks related to CCAG: themes',
      columns: ['Theme', 'Summary', 'Mitigation Approach Overview', 'Movement'],
      rows: shown.map((m) => {
        const t = m.after.view;
        const retired = t.status === 'Retired' ? ' (retired)' : '';
        return [`${t.theme}${retired}`, t.summary, t.mitigationApproach.map((step) => `- ${step}`).join('\n'), m.summary.join('\n')];
      }),
      notes: omittedNote(retiredUnchanged.length, 'retired theme', since),
    },
  ];
}
