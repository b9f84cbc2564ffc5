import type { ItemSheet } from '../core/sheet.ts';
import { column, dayCell, plannedCell, relatedColumn, textCell } from '../core/sheet.ts';
import { milestoneStatus } from '../../schema/values.ts';
import { milestoneKeyOf } from './key.ts';
import type { MilestoneView } from './view.ts';

/** The milestone tables (M7, M8 and the programme's) as one tab, the workstream a column. */
export const milestoneSheet: ItemSheet<MilestoneView> = {
  name: 'Milestones',
  columns: [
    column('Workstream', 'workstream', textCell, { key: true, choices: (rules) => rules.workstreams.map((w) => w.id), width: 12 }),
    // A milestone without a reference is keyed by its description; a new row may leave the key empty.
    column('Key', 'key', textCell, { key: true, width: 12 }),
    column('Mstn Ref', 'ref', textCell, { corrects: 'ref', width: 12 }),
    column('Drafting Milestones', 'description', textCell, { command: 'EditMilestoneDescription', corrects: 'description', width: 60 }),
    column('Baseline date', 'baselineDate', plannedCell, {
      corrects: 'baselineDate',
      moveBy: (edit) =>
        edit.reason === undefined
          ? 'a re-baseline needs its reason: fill the reason column (or the correction column, when the baseline was mistyped)'
          : [{ command: 'RebaselineMilestone', input: { ...edit.key, baselineDate: edit.value('baselineDate'), reason: edit.reason } }],
      width: 16,
    }),
    column('Forecast date', 'forecastDate', plannedCell, { command: 'ForecastMilestone', corrects: 'forecastDate', width: 24 }),
    column('Status', 'status', textCell, {
      choices: () => milestoneStatus.options,
      corrects: 'status',
      moveBy: (edit) => {
        if (edit.value('status') !== 'Complete')
          return [{ command: 'ReportMilestoneStatus', input: { ...edit.key, status: edit.value('status') } }];
        const on = edit.value('completedOn');
        if (on === null) return 'give the day it completed in "Completed on"';
        return [{ command: 'CompleteMilestone', input: { ...edit.key, on } }];
      },
      width: 12,
    }),
    column('Completed on', 'completedOn', dayCell, {
      corrects: 'completedOn',
      moveBy: (edit) => (edit.changed('status') ? [] : 'is recorded when the milestone completes: change Status to Complete with it'),
      width: 12,
    }),
    relatedColumn('RelateMilestoneToChangeProposals'),
  ],
  omits: ['rebaselines'],
  keyOf: (m) => ({ workstream: m.workstream, key: m.key }),
  keyOfRow: (value) => {
    const ref = value('ref');
    const given = value('key');
    return {
      workstream: value('workstream'),
      key: milestoneKeyOf({
        ref: typeof ref === 'string' ? ref : null,
        ...(typeof given === 'string' ? { key: given } : {}),
        description: textCell.text(value('description')),
      }),
    };
  },
  correction: 'CorrectMilestone',
  raise: (edit) => {
    const v = edit.value;
    const complete = v('status') === 'Complete';
    const ref = v('ref');
    const raised = {
      command: 'BaselineMilestone',
      input: {
        workstream: v('workstream'),
        ref,
        // With a reference the milestone is keyed by it.
        ...(ref === null && v('key') !== null ? { key: v('key') } : {}),
        description: v('description'),
        baselineDate: v('baselineDate'),
        forecastDate: v('forecastDate'),
        ...(complete ? {} : { status: v('status') }),
        relatedChangeProposals: v('relatedChangeProposals'),
      },
    };
    if (!complete) return [raised];
    if (v('completedOn') === null) return 'give the day it completed in "Completed on"';
    return [raised, { command: 'CompleteMilestone', input: { ...edit.key, on: v('completedOn') } }];
  },
};
