import type { ItemModule } from '../core/decider.ts';
import { actionItemId } from '../../schema/ids.ts';
import type { ActionCommand } from './commands.ts';
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
};
