import { riskReport } from './report.ts';
import { riskSheet } from './sheet.ts';
import type { ItemPresenter } from '../core/presenter.ts';
import { dayText } from '../core/phrases.ts';
import { riskBandOf } from '../../schema/rules.ts';
import { riskStatus, riskViewSchema, type RiskView } from './view.ts';

export const riskPresenter: ItemPresenter<RiskView> = {
  viewSchema: riskViewSchema,
  names: { plural: 'risks', file: 'risks' },
  graphql: { typeName: 'Risk', kindEnum: 'RISK', one: 'risk', list: 'risks', relatesChangeProposals: true },
  ref: (risk) => risk.riskId,
  label: (risk) => risk.riskId,
  // The band is not stored: it follows from the score and the configured bands.
  shape: (risk, { rules }) => ({ ref: risk.riskId, band: riskBandOf(rules, risk.score) }),
  matches: (risk, f) =>
    (!f['bands'] || (f['bands'] as string[]).some((b) => b.toLowerCase() === String(risk['band']).toLowerCase())) &&
    (!f['status'] || (typeof f['status'] === 'string' && f['status'].toLowerCase() === risk.status.toLowerCase())),
  describeNew: () => 'New item',
  describeChanges({ before, after, moved, say }) {
    if (moved('status')) say(after.status === 'Closed' ? 'Closed' : 'Reopened', 'status', 'closedOn');
    else if (moved('closedOn') && after.closedOn !== null) say(`Reopened and closed again on ${dayText(after.closedOn)}`, 'closedOn');
    if (moved('score'))
      say(`Score ${after.score < before.score ? 'reduced' : 'increased'} from ${before.score} to ${after.score}`, 'score');
    if (moved('description')) say('Description revised', 'description');
    if (moved('mitigationPlan')) say('Mitigation plan revised', 'mitigationPlan');
  },
  classify: (after, moved) => (after.status === 'Closed' && (moved('status') || moved('closedOn')) ? 'CLOSED' : 'CHANGED'),
  exportColumns: [{ column: 'band', after: 'score', value: (risk, rules) => riskBandOf(rules, risk.score) }],
  reportTables: riskReport,
  sheet: riskSheet,
  statuses: () => riskStatus.options,
};
