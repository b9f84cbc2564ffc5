import type { Decider } from '../core/decider.ts';
import { IntegrityError, InvalidTransitionError, NotFoundError, ValidationError } from '../core/errors.ts';
import { riskItemId } from '../../schema/ids.ts';
import type { RiskCommand } from './commands.ts';
import { changedFields, correctionIssues, sameValue, withFields } from '../core/corrections.ts';
import { refuseIssues } from '../core/input-checks.ts';
import {
  addAndRemoveOverlapIssues,
  applyRelatedChangeProposalsChange,
  distinctChangeProposals,
  relatedChangeProposalsChange,
} from '../core/related-change-proposals.ts';
import type { RiskCorrectableFields, RiskEvent } from './events.ts';
import type { RiskView } from './view.ts';

/** The decider's state is the risk as shown: null until it is raised. */
export type RiskState = RiskView | null;

export const riskDecider: Decider<RiskCommand, RiskEvent, RiskState> = {
  initialState: () => null,
  evolve: evolveRisk,
  decide(command, state) {
    switch (command.type) {
      case 'RaiseRisk': {
        if (state) throw new InvalidTransitionError(`Risk ${state.riskId} already exists`);
        const { riskId, description, score, mitigationPlan, raisedOn } = command.data;
        const relatedChangeProposals = distinctChangeProposals(command.data.relatedChangeProposals);
        return [{ type: 'RiskRaised', data: { riskId, description, score, mitigationPlan, raisedOn, relatedChangeProposals } }];
      }
      case 'AssessRiskScore': {
        const risk = openRisk(state, command.data.riskId);
        if (risk.score === command.data.score) return [];
        return [{ type: 'RiskScoreAssessed', data: { from: risk.score, to: command.data.score } }];
      }
      case 'ReviseRiskMitigation': {
        const risk = openRisk(state, command.data.riskId);
        const { mitigationPlan } = command.data;
        if (sameValue(risk.mitigationPlan, mitigationPlan)) return [];
        return [{ type: 'RiskMitigationRevised', data: { mitigationPlan } }];
      }
      case 'EditRiskDescription': {
        const risk = openRisk(state, command.data.riskId);
        const { description } = command.data;
        if (risk.description === description) return [];
        return [{ type: 'RiskDescriptionEdited', data: { description } }];
      }
      case 'CloseRisk': {
        const risk = openRisk(state, command.data.riskId);
        const { on, reason } = command.data;
        if (on < risk.raisedOn) {
          throw new ValidationError([{ path: ['on'], message: `${on} is before the risk was raised (${risk.raisedOn})` }]);
        }
        return [{ type: 'RiskClosed', data: { on, reason } }];
      }
      case 'ReopenRisk': {
        const risk = existingRisk(state, command.data.riskId);
        if (risk.status !== 'Closed') throw new InvalidTransitionError(`Risk ${risk.riskId} is not closed`);
        return [{ type: 'RiskReopened', data: { score: command.data.score ?? risk.score } }];
      }
      case 'RelateRiskToChangeProposals': {
        const risk = openRisk(state, command.data.riskId);
        const { add, remove } = command.data;
        refuseIssues(addAndRemoveOverlapIssues(add, remove));
        const change = relatedChangeProposalsChange(risk.relatedChangeProposals, add, remove);
        return change ? [{ type: 'RiskRelatedChangeProposalsChanged', data: change }] : [];
      }
      case 'CorrectRisk': {
        const risk = existingRisk(state, command.data.riskId);
        refuseIssues(correctionIssues(command.data.fields, command.data.reason));
        const fields: RiskCorrectableFields = changedFields(risk, command.data.fields);
        if (Object.keys(fields).length === 0) return [];
        const raisedOn = fields.raisedOn ?? risk.raisedOn;
        if (risk.closedOn !== null && raisedOn > risk.closedOn) {
          throw new ValidationError([
            { path: ['fields', 'raisedOn'], message: `${raisedOn} is after the risk was closed (${risk.closedOn})` },
          ]);
        }
        return [{ type: 'RiskCorrected', data: { fields, reason: command.data.reason } }];
      }
      default: {
        const _exhaustive: never = command;
        throw new Error(`Unknown risk command ${(_exhaustive as { type: string }).type}`);
      }
    }
  },
};

/** The risk after `event`. Shared by the decider and the read side (`evolveView`). */
export function evolveRisk(risk: RiskState, event: RiskEvent): RiskView {
  if (event.type === 'RiskRaised') {
    const { riskId, description, score, mitigationPlan, raisedOn, relatedChangeProposals } = event.data;
    return {
      id: riskItemId(riskId),
      riskId,
      description,
      score,
      mitigationPlan,
      status: 'Open',
      raisedOn,
      closedOn: null,
      relatedChangeProposals,
    };
  }
  if (!risk) throw new IntegrityError(`${event.type} for a risk that was never raised`);
  switch (event.type) {
    case 'RiskScoreAssessed':
      return { ...risk, score: event.data.to };
    case 'RiskMitigationRevised':
      return { ...risk, mitigationPlan: event.data.mitigationPlan };
    case 'RiskDescriptionEdited':
      return { ...risk, description: event.data.description };
    case 'RiskClosed':
      return { ...risk, status: 'Closed', closedOn: event.data.on };
    case 'RiskReopened':
      return { ...risk, status: 'Open', closedOn: null, score: event.data.score };
    case 'RiskRelatedChangeProposalsChanged':
      return {
        ...risk,
        relatedChangeProposals: applyRelatedChangeProposalsChange(risk.relatedChangeProposals, event.data),
      };
    case 'RiskCorrected':
      return withFields(risk, event.data.fields);
    default: {
      const _exhaustive: never = event;
      throw new IntegrityError(`Unknown risk event ${(_exhaustive as { type: string }).type}`);
    }
  }
}

function existingRisk(state: RiskState, riskId: string): RiskView {
  if (!state) throw new NotFoundError('Risk', riskItemId(riskId));
  return state;
}

/** A closed risk changes only by being reopened or corrected. */
function openRisk(state: RiskState, riskId: string): RiskView {
  const risk = existingRisk(state, riskId);
  if (risk.status === 'Closed') {
    throw new InvalidTransitionError(`Risk ${risk.riskId} is closed (${risk.closedOn}); reopen it first`);
  }
  return risk;
}
