import type { ItemSheet } from '../core/sheet.ts';
import { column, dayCell, linesCell, relatedColumn, textCell, wholeNumberCell } from '../core/sheet.ts';
import { riskBandOf } from '../../schema/rules.ts';
import { riskStatus, type RiskView } from './view.ts';

/** The risk register tab: the pack's "Top Programme Risks" columns, then what else a risk records. */
export const riskSheet: ItemSheet<RiskView> = {
  name: 'Risks',
  columns: [
    column('Risk ID', 'riskId', textCell, { key: true, width: 10 }),
    column('Risk Description', 'description', textCell, { command: 'EditRiskDescription', corrects: 'description', width: 60 }),
    column('Score', 'score', wholeNumberCell, {
      corrects: 'score',
      // A risk reopened with a new score takes it in the reopening.
      moveBy: (edit) =>
        edit.changed('status') && edit.value('status') === 'Open'
          ? []
          : [{ command: 'AssessRiskScore', input: { ...edit.key, score: edit.value('score') } }],
      width: 8,
    }),
    {
      header: 'Band',
      field: 'band',
      text: (risk, rules) => riskBandOf(rules, risk.score),
      value: textCell.value,
      choices: (rules) => rules.riskBands.map((band) => band.name),
      readOnly: 'follows from the score',
      derived: true,
      width: 10,
    },
    column('Mitigation Plan', 'mitigationPlan', linesCell, { command: 'ReviseRiskMitigation', corrects: 'mitigationPlan', width: 60 }),
    column('Status', 'status', textCell, {
      choices: () => riskStatus.options,
      moveBy: (edit) => {
        if (edit.value('status') === 'Closed') {
          const on = edit.value('closedOn');
          if (on === null) return 'give the day it closed in "Closed on"';
          return [{ command: 'CloseRisk', input: { ...edit.key, on, reason: edit.reason ?? null } }];
        }
        return [{ command: 'ReopenRisk', input: { ...edit.key, score: edit.changed('score') ? edit.value('score') : null } }];
      },
      width: 10,
    }),
    column('Date raised', 'raisedOn', dayCell, { corrects: 'raisedOn', width: 12 }),
    column('Closed on', 'closedOn', dayCell, {
      moveBy: (edit) => (edit.changed('status') ? [] : 'is recorded when the risk closes: change Status to Closed with it'),
      width: 12,
    }),
    relatedColumn('RelateRiskToChangeProposals'),
  ],
  keyOf: (risk) => ({ riskId: risk.riskId }),
  keyOfRow: (value) => ({ riskId: value('riskId') }),
  correction: 'CorrectRisk',
  raise: (edit) => {
    const v = edit.value;
    const raised = {
      command: 'RaiseRisk',
      input: {
        ...edit.key,
        description: v('description'),
        score: v('score'),
        mitigationPlan: v('mitigationPlan'),
        raisedOn: v('raisedOn'),
        relatedChangeProposals: v('relatedChangeProposals'),
      },
    };
    if (v('status') !== 'Closed') return [raised];
    if (v('closedOn') === null) return 'give the day it closed in "Closed on"';
    return [raised, { command: 'CloseRisk', input: { ...edit.key, on: v('closedOn'), reason: edit.reason ?? null } }];
  },
};
