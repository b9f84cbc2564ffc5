import type { ItemModule } from '../../../services/core/decider.ts';
import { asItemModule } from '../../../services/core/registry.ts';
import { decisionCommandSchemas, type DecisionCommand } from './commands.ts';
import { decisionDecider, type DecisionState } from './decider.ts';
import { decisionEventDefinitions, type DecisionEvent } from './events.ts';
import { decisionPresenter } from './presenter.ts';
import type { DecisionView } from './view.ts';

const decision: ItemModule<DecisionCommand, DecisionEvent, DecisionState, DecisionView> = {
  kind: 'decision',
  decider: decisionDecider,
  events: decisionEventDefinitions,
  streamOf: (command) => `decision:${command.data.ref}`,
  itemIdOf: (stream) => stream,
  evolveView: (view, event) => {
    const state = decisionDecider.evolve(view, event)!;
    return { ...state, id: `decision:${state.ref}` };
  },
  idPrefix: 'decision',
  commands: decisionCommandSchemas,
  mutations: { raiseDecision: 'RaiseDecision', changeDecisionStatus: 'ChangeDecisionStatus' },
  presenter: decisionPresenter,
};

/** A sixth kind of item, known to the register only through its registry. */
export const decisionModule = asItemModule(decision);
