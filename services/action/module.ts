import type { ItemModule } from '../core/decider.ts';
import { actionItemId } from '../../schema/ids.ts';
import { actionCommandSchemas, type ActionCommand } from './commands.ts';
import { actionPresenter } from './presenter.ts';
import { actionDecider, evolveAction, type ActionState } from './decider.ts';
import { actionEventDefinitions, type ActionEvent } from './events.ts';
import type { ActionView } from './view.ts';

export const actionModule: ItemModule<ActionCommand, ActionEvent, ActionState, ActionView> = {
  kind: 'action',
  decider: actionDecider,
  events: actionEventDefinitions,
  streamOf: (command) => actionItemId(command.data.ref),
  // An action's stream is named by its id.
  itemIdOf: (stream) => stream,
  evolveView: evolveAction,
  idPrefix: 'action',
  commands: actionCommandSchemas,
  mutations: {
    raiseAction: 'RaiseAction',
    updateAction: 'UpdateAction',
    changeActionDueDate: 'ChangeActionDueDate',
    reassignAction: 'ReassignAction',
    recommendActionClosed: 'RecommendActionClosed',
    closeAction: 'CloseAction',
    reopenAction: 'ReopenAction',
    relateAction: 'RelateActionToChangeProposals',
    correctAction: 'CorrectAction',
  },
  references: { RaiseAction: ['relatedChangeProposals'], RelateActionToChangeProposals: ['add'] },
  presenter: actionPresenter,
};
