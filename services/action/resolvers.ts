import { commandMutations } from '../api/mutation.ts';
import type { ActionCommandType } from './commands.ts';

const mutations: Record<string, ActionCommandType> = {
  raiseAction: 'RaiseAction',
  updateAction: 'UpdateAction',
  changeActionDueDate: 'ChangeActionDueDate',
  reassignAction: 'ReassignAction',
  recommendActionClosed: 'RecommendActionClosed',
  closeAction: 'CloseAction',
  reopenAction: 'ReopenAction',
  relateAction: 'RelateActionToChangeProposals',
  correctAction: 'CorrectAction',
};

export const actionMutations = commandMutations('action', 'action', mutations);
