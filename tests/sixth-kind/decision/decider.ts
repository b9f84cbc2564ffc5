import type { Decider } from '../../../services/core/decider.ts';
import { InvalidTransitionError, NotFoundError } from '../../../services/core/errors.ts';
import type { DecisionCommand } from './commands.ts';
import type { DecisionEvent } from './events.ts';
import type { DecisionView } from './view.ts';

export type DecisionState = Omit<DecisionView, 'id'> | null;

export const decisionDecider: Decider<DecisionCommand, DecisionEvent, DecisionState> = {
  initialState: () => null,
  decide(command, state) {
    switch (command.type) {
      case 'RaiseDecision':
        if (state) throw new InvalidTransitionError(`Decision ${command.data.ref} is already on the register`);
        return [{ type: 'DecisionRaised', data: command.data }];
      case 'ChangeDecisionStatus':
        if (!state) throw new NotFoundError('Decision', command.data.ref);
        return state.status === command.data.status
          ? []
          : [{ type: 'DecisionStatusChanged', data: { from: state.status, to: command.data.status } }];
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'DecisionRaised':
        return { ...event.data, status: 'Proposed' };
      case 'DecisionStatusChanged':
        return state && { ...state, status: event.data.to };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
