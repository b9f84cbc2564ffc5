import type { Decider } from '../core/decider.ts';
import { IntegrityError, InvalidTransitionError, NotFoundError, ValidationError } from '../core/errors.ts';
import { milestoneId } from '../../schema/ids.ts';
import { changedFields, correctionIssues, sameValue, withFields } from '../core/corrections.ts';
import { refuseIssues } from '../core/input-checks.ts';
import { displayOrderChange } from '../core/display-order.ts';
import {
  addAndRemoveOverlapIssues,
  applyRelatedChangeProposalsChange,
  distinctChangeProposals,
  relatedChangeProposalsChange,
} from '../core/related-change-proposals.ts';
import type { MilestoneCommand, MilestoneCommandData } from './commands.ts';
import type { MilestoneEvent } from './events.ts';
import { milestoneKeyIssues, milestoneKeyOf } from './key.ts';
import type { MilestoneView, ReportableMilestoneStatus } from './view.ts';

/** The decider's state is the milestone as reported; null before it is baselined. */
export type MilestoneState = MilestoneView | null;

export const milestoneDecider: Decider<MilestoneCommand, MilestoneEvent, MilestoneState> = {
  initialState: () => null,
  evolve: evolveMilestone,
  decide(command, state) {
    if (command.type === 'BaselineMilestone') return baseline(command.data, state);
    const id = milestoneId(command.data.workstream, command.data.key);
    if (!state) throw new NotFoundError('Milestone', id);
    switch (command.type) {
      case 'RebaselineMilestone': {
        refuseOnceComplete(state, 'rebaselined');
        const { baselineDate, reason } = command.data;
        if (sameValue(baselineDate, state.baselineDate)) return [];
        return [{ type: 'MilestoneRebaselined', data: { from: state.baselineDate, to: baselineDate, reason } }];
      }
      case 'ForecastMilestone': {
        refuseOnceComplete(state, 'reforecast');
        const { forecastDate } = command.data;
        if (sameValue(forecastDate, state.forecastDate)) return [];
        return [{ type: 'MilestoneForecastChanged', data: { from: state.forecastDate, to: forecastDate } }];
      }
      case 'ReportMilestoneStatus': {
        const from = refuseOnceComplete(state, 'given another status');
        const { status } = command.data;
        if (status === from) return [];
        return [{ type: 'MilestoneStatusReported', data: { from, to: status } }];
      }
      case 'CompleteMilestone': {
        const from = refuseOnceComplete(state, 'completed again');
        return [{ type: 'MilestoneCompleted', data: { on: command.data.on, from } }];
      }
      case 'EditMilestoneDescription': {
        const { description } = command.data;
        if (description === state.description) return [];
        return [{ type: 'MilestoneDescriptionEdited', data: { description } }];
      }
      case 'RelateMilestoneToChangeProposals': {
        const { add, remove } = command.data;
        refuseIssues(addAndRemoveOverlapIssues(add, remove));
        const change = relatedChangeProposalsChange(state.relatedChangeProposals, add, remove);
        return change ? [{ type: 'MilestoneRelatedChangeProposalsChanged', data: change }] : [];
      }
      case 'SetMilestoneDisplayOrder': {
        const change = displayOrderChange(state.displayOrder, command.data.displayOrder);
        return change ? [{ type: 'MilestoneDisplayOrderSet', data: change }] : [];
      }
      case 'CorrectMilestone':
        return correct(command.data, state);
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },
};

function baseline(data: MilestoneCommandData<'BaselineMilestone'>, state: MilestoneState): MilestoneEvent[] {
  const key = milestoneKeyOf(data);
  const id = milestoneId(data.workstream, key);
  if (state) throw new InvalidTransitionError(`${id} has already been baselined; rebaseline it instead`);
  refuseIssues(milestoneKeyIssues(data));
  const { workstream, ref, description, baselineDate, status } = data;
  const relatedChangeProposals = distinctChangeProposals(data.relatedChangeProposals);
  const forecastDate = data.forecastDate ?? baselineDate;
  return [
    {
      type: 'MilestoneBaselined',
      data: { workstream, ref, key, description, baselineDate, forecastDate, status, relatedChangeProposals },
    },
  ];
}

/** A completed milestone's plan is history: only a correction may change it. Returns the open status. */
function refuseOnceComplete(state: MilestoneView, what: string): ReportableMilestoneStatus {
  const { status } = state;
  if (status === 'Complete') {
    throw new InvalidTransitionError(`${state.id} is complete and cannot be ${what}; correct it if it was recorded wrongly`);
  }
  return status;
}

function correct(data: MilestoneCommandData<'CorrectMilestone'>, state: MilestoneView): MilestoneEvent[] {
  const { fields, reason } = data;
  refuseIssues(correctionIssues(fields, reason));
  const changed = changedFields(state, fields);
  if (Object.keys(changed).length === 0) return [];
  const after = withFields(state, changed);
  // Complete and a completion day go together, so the view never claims one without the other.
  if ((after.status === 'Complete') !== (after.completedOn !== null)) {
    throw new ValidationError([
      {
        path: ['fields', 'completedOn'],
        message:
          after.status === 'Complete'
            ? 'a Complete milestone needs the day it completed'
            : `a milestone that is ${after.status} has no completion day: give completedOn null`,
      },
    ]);
  }
  return [{ type: 'MilestoneCorrected', data: { fields: changed, reason } }];
}

/** The milestone after `event`; also the read side's evolveView. */
export function evolveMilestone(state: MilestoneState, event: MilestoneEvent): MilestoneView {
  if (event.type === 'MilestoneBaselined') {
    return {
      id: milestoneId(event.data.workstream, event.data.key),
      ...event.data,
      completedOn: null,
      rebaselines: [],
      displayOrder: null,
    };
  }
  if (!state) throw new IntegrityError(`${event.type} for a milestone that was never baselined`);
  switch (event.type) {
    case 'MilestoneRebaselined':
      return { ...state, baselineDate: event.data.to, rebaselines: [...state.rebaselines, event.data] };
    case 'MilestoneForecastChanged':
      return { ...state, forecastDate: event.data.to };
    case 'MilestoneStatusReported':
      return { ...state, status: event.data.to };
    case 'MilestoneCompleted':
      return { ...state, status: 'Complete', completedOn: event.data.on };
    case 'MilestoneDescriptionEdited':
      return { ...state, description: event.data.description };
    case 'MilestoneRelatedChangeProposalsChanged':
      return { ...state, relatedChangeProposals: applyRelatedChangeProposalsChange(state.relatedChangeProposals, event.data) };
    case 'MilestoneDisplayOrderSet':
      return { ...state, displayOrder: event.data.to };
    case 'MilestoneCorrected':
      return withFields(state, event.data.fields);
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
