import type { Decider } from '../core/decider.ts';
import { IntegrityError, InvalidTransitionError, NotFoundError, ValidationError } from '../core/errors.ts';
import { changeProposalId } from '../../schema/ids.ts';
import type { ChangeProposalCommand, ChangeProposalCommandData } from './commands.ts';
import type { ChangeProposalEvent } from './events.ts';
import { changedFields, correctionIssues, sameValue, withFields } from '../core/corrections.ts';
import { refuseIssues } from '../core/input-checks.ts';
import { displayOrderChange } from '../core/display-order.ts';
import {
  addAndRemoveOverlapIssues,
  applyRelatedChangeProposalsChange,
  distinctChangeProposals,
  relatedChangeProposalsChange,
  selfRelationIssues,
} from '../core/related-change-proposals.ts';
import { isClosed, type ChangeProposalView, type OpenChangeProposalStatus } from './view.ts';

/** The decider's state is the CP as the register shows it; null before it is raised. */
export type ChangeProposalState = ChangeProposalView | null;

export const changeProposalDecider: Decider<ChangeProposalCommand, ChangeProposalEvent, ChangeProposalState> = {
  initialState: () => null,
  evolve: evolveChangeProposal,
  decide(command, state) {
    if (command.type === 'RaiseChangeProposal') return raise(command.data, state);
    const id = changeProposalId(command.data.codeBody, command.data.ref);
    if (!state) throw new NotFoundError('Change proposal', id);
    // The log still lists a withdrawn CP (I0204 at CCAG #36), so it can still be placed.
    const mayActWhenClosed =
      command.type === 'ReinstateChangeProposal' ||
      command.type === 'CorrectChangeProposal' ||
      command.type === 'SetChangeProposalDisplayOrder';
    if (isClosed(state.status) && !mayActWhenClosed) {
      throw new InvalidTransitionError(
        `${id} is ${state.status.toLowerCase()}; it must be reinstated first (only corrections are allowed meanwhile)`,
      );
    }
    switch (command.type) {
      case 'EditChangeProposal':
        return edit(command.data, state);
      case 'ChangeChangeProposalStatus': {
        const { status } = command.data;
        if (status === state.status) return [];
        return [{ type: 'ChangeProposalStatusChanged', data: { from: openStatusOf(state), to: status } }];
      }
      case 'SetDecisionDate': {
        const { decisionDate } = command.data;
        if (sameValue(decisionDate, state.decisionDate)) return [];
        return [{ type: 'DecisionDateChanged', data: { from: state.decisionDate, to: decisionDate } }];
      }
      case 'AddChangeProposalUpdate': {
        const update = { on: command.data.on, text: command.data.text };
        // The same update posted twice (a retried paste) is one update.
        if (state.updates.some((u) => sameValue(u, update))) return [];
        return [{ type: 'ChangeProposalUpdateAdded', data: update }];
      }
      case 'SetKeyDates': {
        const { keyDates } = command.data;
        if (sameValue(keyDates, state.keyDates)) return [];
        return [{ type: 'KeyDatesSet', data: { keyDates } }];
      }
      case 'AssignChangeProposalToRelease': {
        const { release } = command.data;
        if (release === state.release) return [];
        return [{ type: 'ChangeProposalAssignedToRelease', data: { from: state.release, to: release } }];
      }
      case 'WithdrawChangeProposal': {
        const { on, statement } = command.data;
        return [{ type: 'ChangeProposalWithdrawn', data: { on, statement, from: openStatusOf(state) } }];
      }
      case 'ReinstateChangeProposal':
        return reinstate(command.data, state);
      case 'RelateChangeProposalToChangeProposals': {
        const { add, remove } = command.data;
        refuseIssues([...addAndRemoveOverlapIssues(add, remove), ...selfRelationIssues(id, add, ['add'])]);
        const change = relatedChangeProposalsChange(state.relatedChangeProposals, add, remove);
        return change ? [{ type: 'ChangeProposalRelatedChangeProposalsChanged', data: change }] : [];
      }
      case 'SetChangeProposalDisplayOrder': {
        const change = displayOrderChange(state.displayOrder, command.data.displayOrder);
        return change ? [{ type: 'ChangeProposalDisplayOrderSet', data: change }] : [];
      }
      case 'CorrectChangeProposal': {
        const { fields, reason } = command.data;
        refuseIssues(correctionIssues(fields, reason));
        const changed = changedFields(state, fields);
        return Object.keys(changed).length === 0 ? [] : [{ type: 'ChangeProposalCorrected', data: { fields: changed, reason } }];
      }
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },
};

function raise(data: ChangeProposalCommandData<'RaiseChangeProposal'>, state: ChangeProposalState): ChangeProposalEvent[] {
  const id = changeProposalId(data.codeBody, data.ref);
  if (state) throw new InvalidTransitionError(`${id} has already been raised`);
  refuseIssues(selfRelationIssues(id, data.relatedChangeProposals, ['relatedChangeProposals']));
  const { codeBody, ref, title, summary, stakeholderPositions, raisedOn, status, decisionDate, mhhsImpact, keyDates, release } = data;
  const relatedChangeProposals = distinctChangeProposals(data.relatedChangeProposals);
  return [
    {
      type: 'ChangeProposalRaised',
      data: {
        codeBody,
        ref,
        title,
        summary,
        stakeholderPositions,
        raisedOn,
        status,
        decisionDate,
        mhhsImpact,
        keyDates,
        release,
        relatedChangeProposals,
      },
    },
  ];
}

function edit(data: ChangeProposalCommandData<'EditChangeProposal'>, state: ChangeProposalView): ChangeProposalEvent[] {
  const { title, summary, stakeholderPositions, mhhsImpact } = data;
  if ([title, summary, stakeholderPositions, mhhsImpact].every((v) => v === undefined)) {
    throw new ValidationError([{ path: [], message: 'give at least one of title, summary, stakeholderPositions, mhhsImpact' }]);
  }
  const changed = changedFields(state, { title, summary, stakeholderPositions, mhhsImpact });
  return Object.keys(changed).length === 0 ? [] : [{ type: 'ChangeProposalDetailsEdited', data: changed }];
}

function reinstate(data: ChangeProposalCommandData<'ReinstateChangeProposal'>, state: ChangeProposalView): ChangeProposalEvent[] {
  const id = changeProposalId(data.codeBody, data.ref);
  const from = state.status;
  if (from !== 'Withdrawn' && from !== 'Rejected') {
    throw new InvalidTransitionError(`${id} is ${from}, not withdrawn or rejected; there is nothing to reinstate`);
  }
  const to = data.status ?? asOpenStatus(state.statusBeforeClosure);
  if (to === null) {
    throw new ValidationError([{ path: ['status'], message: `say which status ${id} returns to` }]);
  }
  return [{ type: 'ChangeProposalReinstated', data: { from, to } }];
}

function asOpenStatus(status: ChangeProposalView['status'] | null): OpenChangeProposalStatus | null {
  return status === null || status === 'Withdrawn' || status === 'Rejected' ? null : status;
}

/** Callers have already refused closed CPs; this tells the type checker so. */
function openStatusOf(state: ChangeProposalView): OpenChangeProposalStatus {
  const status = asOpenStatus(state.status);
  if (status === null) throw new InvalidTransitionError(`${state.id} is ${state.status}`);
  return status;
}

/** The register's view of a CP after `event`; also the read side's evolveView. */
export function evolveChangeProposal(state: ChangeProposalState, event: ChangeProposalEvent): ChangeProposalView {
  if (event.type === 'ChangeProposalRaised') {
    return {
      id: changeProposalId(event.data.codeBody, event.data.ref),
      ...event.data,
      updates: [],
      withdrawal: null,
      statusBeforeClosure: null,
      displayOrder: null,
    };
  }
  if (!state) throw new IntegrityError(`${event.type} for a change proposal that was never raised`);
  switch (event.type) {
    case 'ChangeProposalDetailsEdited':
      return withFields(state, event.data);
    case 'ChangeProposalStatusChanged':
      return {
        ...state,
        status: event.data.to,
        statusBeforeClosure: isClosed(event.data.to) ? event.data.from : null,
      };
    case 'DecisionDateChanged':
      return { ...state, decisionDate: event.data.to };
    case 'ChangeProposalUpdateAdded':
      return { ...state, updates: [...state.updates, event.data] };
    case 'KeyDatesSet':
      return { ...state, keyDates: event.data.keyDates };
    case 'ChangeProposalAssignedToRelease':
      return { ...state, release: event.data.to };
    case 'ChangeProposalWithdrawn':
      return {
        ...state,
        status: 'Withdrawn',
        withdrawal: { on: event.data.on, statement: event.data.statement },
        statusBeforeClosure: event.data.from,
      };
    case 'ChangeProposalReinstated':
      return { ...state, status: event.data.to, withdrawal: null, statusBeforeClosure: null };
    case 'ChangeProposalRelatedChangeProposalsChanged':
      return { ...state, relatedChangeProposals: applyRelatedChangeProposalsChange(state.relatedChangeProposals, event.data) };
    case 'ChangeProposalDisplayOrderSet':
      return { ...state, displayOrder: event.data.to };
    case 'ChangeProposalCorrected':
      return withFields(state, event.data.fields);
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
