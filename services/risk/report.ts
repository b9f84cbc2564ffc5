import { omittedNote, type ReportContext, type ReportedItem, type ReportTable } from '../core/report.ts';
import { riskBandOf } from '../../schema/rules.ts';
import type { RiskView } from './view.ts';

/** The pack's risk table: new risks first, then by score, highest first. */
export function riskReport(items: readonly ReportedItem<RiskView>[], { rules, since }: ReportContext): ReportTable[] {
  const closedUnchanged = items.filter((m) => m.change === 'UNCHANGED' && m.after.view.status === 'Closed');
  const score = (m: ReportedItem<RiskView>) => m.after.view.score;
  const shown = items
    .filter((m) => !closedUnchanged.includes(m))
    .sort(
      (a, b) =>
        Number(b.change === 'NEW') - Number(a.change === 'NEW') || score(b) - score(a) || a.id.localeCompare(b.id, 'en', { numeric: true }),
    );
  return [
    {
      title: 'Top Programme Risks related to CCAG',
      columns: ['Risk ID', 'Risk Description', 'Score', 'Band', 'Current score movement since last CCAG', 'Mitigation Plan'],
      rows: shown.map((m) => {
        const risk = m.after.view;
        const closed = risk.status === 'Closed' ? ' (closed)' : '';
        return [
          risk.riskId,
          risk.description,
          `${risk.score}${closed}`,
          riskBandOf(rules, risk.score),
          m.summary.join('\n'),
          risk.mitigationPlan.map((step, i) => `${i + 1}) ${step}`).join('\n'),
        ];
      }),
      notes: omittedNote(closedUnchanged.length, 'closed risk', since),
    },
  ];
}
