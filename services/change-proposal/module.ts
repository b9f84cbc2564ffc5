import type { ItemModule } from '../core/decider.ts';
import { changeProposalId } from '../../schema/ids.ts';
import { changeProposalCommandSchemas, type ChangeProposalCommand } from './commands.ts';
import { changeProposalPresenter } from './presenter.ts';
import { changeProposalDecider, evolveChangeProposal, type ChangeProposalState } from './decider.ts';
import { changeProposalEventDefinitions, type ChangeProposalEvent } from './events.ts';
import type { ChangeProposalView } from './view.ts';

export const changeProposalModule: ItemModule<ChangeProposalCommand, ChangeProposalEvent, ChangeProposalState, ChangeProposalView> = {
  kind: 'changeProposal',
  decider: changeProposalDecider,
  events: changeProposalEventDefinitions,
  streamOf: (command) => changeProposalId(command.data.codeBody, command.data.ref),
  // A CP's stream is named by its id.
  itemIdOf: (stream) => stream,
  evolveView: evolveChangeProposal,
  idPrefix: 'cp',
  commands: changeProposalCommandSchemas,
  mutations: {
    raiseChangeProposal: 'RaiseChangeProposal',
    editChangeProposal: 'EditChangeProposal',
    changeChangeProposalStatus: 'ChangeChangeProposalStatus',
    setDecisionDate: 'SetDecisionDate',
    addChangeProposalUpdate: 'AddChangeProposalUpdate',
    setKeyDates: 'SetKeyDates',
    assignChangeProposalToRelease: 'AssignChangeProposalToRelease',
    withdrawChangeProposal: 'WithdrawChangeProposal',
    reinstateChangeProposal: 'ReinstateChangeProposal',
    relateChangeProposal: 'RelateChangeProposalToChangeProposals',
    setChangeProposalDisplayOrder: 'SetChangeProposalDisplayOrder',
    correctChangeProposal: 'CorrectChangeProposal',
  },
  references: { RaiseChangeProposal: ['relatedChangeProposals'], RelateChangeProposalToChangeProposals: ['add'] },
  presenter: changeProposalPresenter,
};
