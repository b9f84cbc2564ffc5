import type { Decider } from '../core/decider.ts';
import { IntegrityError, InvalidTransitionError, NotFoundError, ValidationError } from '../core/errors.ts';
import { actionItemId } from '../../schema/ids.ts';
import { changedFields, correctionIssues, sameValue, withFields } from '../core/corrections.ts';
import { refuseIssues } from '../core/input-checks.ts';
import {
  addAndRemoveOverlapIssues,
  applyRelatedChangeProposalsChange,
  distinctChangeProposals,
  relatedChangeProposalsChange,
} from '../core/related-change-proposals.ts';
import type { ActionCommand } from './commands.ts';
import { dueDateProblem } from './due-date.ts';
import type { ActionCorrectableFields, ActionEvent } from './events.ts';
import { meetingOfActionRef } from './ref.ts';
import type { ActionView } from './view.ts';

/** The decider's state is the action as shown: null until it is raised. */
export type ActionState = ActionView | null;

export const actionDecider: Decider<ActionCommand, ActionEvent, ActionState> = {
  initialState: () => null,
  evolve: evolveAction,
  decide(command, state) {
    switch (command.type) {
      case 'RaiseAction': {
        if (state) throw new InvalidTransitionError(`Action ${state.ref} already exists`);
        const { ref, raisedOn, text, owner, dueDate } = command.data;
        refuseDueDateBeforeRaised(raisedOn, dueDate, ['dueDate']);
        const relatedChangeProposals = distinctChangeProposals(command.data.relatedChangeProposals);
        return [
          {
            type: 'ActionRaised',
            data: { ref, meeting: meetingOfActionRef(ref), raisedOn, text, owner, dueDate, relatedChangeProposals },
          },
        ];
      }
      case 'UpdateAction': {
        const action = notClosed(state, command.data.ref);
        if (action.update === command.data.update) return [];
        return [{ type: 'ActionUpdateGiven', data: { update: command.data.update } }];
      }
      case 'ChangeActionDueDate': {
        const action = notClosed(state, command.data.ref);
        const { dueDate } = command.data;
        if (action.dueDate === dueDate) return [];
        refuseDueDateBeforeRaised(action.raisedOn, dueDate, ['dueDate']);
        return [{ type: 'ActionDueDateChanged', data: { from: action.dueDate, to: dueDate } }];
      }
      case 'ReassignAction': {
        const action = notClosed(state, command.data.ref);
        const { owner } = command.data;
        if (sameValue(action.owner, owner)) return [];
        return [{ type: 'ActionReassigned', data: { from: action.owner, to: owner } }];
      }
      case 'RecommendActionClosed': {
        const action = existingAction(state, command.data.ref);
        if (action.status !== 'Open') {
          throw new InvalidTransitionError(`Action ${action.ref} is ${action.status}; only an open action can be recommended closed`);
        }
        return [{ type: 'ActionRecommendedClosed', data: { update: command.data.update } }];
      }
      case 'CloseAction': {
        notClosed(state, command.data.ref);
        return [{ type: 'ActionClosed', data: { update: command.data.update } }];
      }
      case 'ReopenAction': {
        const action = existingAction(state, command.data.ref);
        if (action.status === 'Open') throw new InvalidTransitionError(`Action ${action.ref} is already open`);
        return [{ type: 'ActionReopened', data: { from: action.status, update: command.data.update } }];
      }
      case 'RelateActionToChangeProposals': {
        const action = notClosed(state, command.data.ref);
        const { add, remove } = command.data;
        refuseIssues(addAndRemoveOverlapIssues(add, remove));
        const change = relatedChangeProposalsChange(action.relatedChangeProposals, add, remove);
        return change ? [{ type: 'ActionRelatedChangeProposalsChanged', data: change }] : [];
      }
      case 'CorrectAction': {
        const action = existingAction(state, command.data.ref);
        refuseIssues(correctionIssues(command.data.fields, command.data.reason));
        const fields: ActionCorrectableFields = changedFields(action, command.data.fields);
        if (Object.keys(fields).length === 0) return [];
        refuseDueDateBeforeRaised(fields.raisedOn ?? action.raisedOn, fields.dueDate !== undefined ? fields.dueDate : action.dueDate, [
          'fields',
          fields.dueDate !== undefined ? 'dueDate' : 'raisedOn',
        ]);
        return [{ type: 'ActionCorrected', data: { fields, reason: command.data.reason } }];
      }
      default: {
        const _exhaustive: never = command;
        throw new Error(`Unknown action command ${(_exhaustive as { type: string }).type}`);
      }
    }
  },
};

/** The action after `event`. Shared by the decider and the read side (`evolveView`). */
export function evolveAction(action: ActionState, event: ActionEvent): ActionView {
  if (event.type === 'ActionRaised') {
    const { ref, meeting, raisedOn, text, owner, dueDate, relatedChangeProposals } = event.data;
    return {
      id: actionItemId(ref),
      ref,
      meeting,
      raisedOn,
      text,
      owner,
      dueDate,
      update: null,
      status: 'Open',
      relatedChangeProposals,
    };
  }
  if (!action) throw new IntegrityError(`${event.type} for an action that was never raised`);
  switch (event.type) {
    case 'ActionUpdateGiven':
      return { ...action, update: event.data.update };
    case 'ActionDueDateChanged':
      return { ...action, dueDate: event.data.to };
    case 'ActionReassigned':
      return { ...action, owner: event.data.to };
    case 'ActionRecommendedClosed':
      return { ...action, status: 'Recommended closed', update: event.data.update ?? action.update };
    case 'ActionClosed':
      return { ...action, status: 'Closed', update: event.data.update ?? action.update };
    case 'ActionReopened':
      return { ...action, status: 'Open', update: event.data.update ?? action.update };
    case 'ActionRelatedChangeProposalsChanged':
      return {
        ...action,
        relatedChangeProposals: applyRelatedChangeProposalsChange(action.relatedChangeProposals, event.data),
      };
    case 'ActionCorrected':
      return withFields(action, event.data.fields);
    default: {
      const _exhaustive: never = event;
      throw new IntegrityError(`Unknown action event ${(_exhaustive as { type: string }).type}`);
    }
  }
}

function existingAction(state: ActionState, ref: string): ActionView {
  if (!state) throw new NotFoundError('Action', actionItemId(ref));
  return state;
}

/** A closed action changes only by being reopened or corrected. */
function notClosed(state: ActionState, ref: string): ActionView {
  const action = existingAction(state, ref);
  if (action.status === 'Closed') throw new InvalidTransitionError(`Action ${action.ref} is closed; reopen it first`);
  return action;
}

function refuseDueDateBeforeRaised(raisedOn: string, dueDate: string | null, path: readonly string[]): void {
  const problem = dueDateProblem(raisedOn, dueDate);
  if (problem) throw new ValidationError([{ path, message: problem }]);
}
