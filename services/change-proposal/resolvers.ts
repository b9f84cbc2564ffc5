import { commandMutations } from '../api/mutation.ts';
import type { ChangeProposalCommandType } from './commands.ts';

const mutations: Record<string, ChangeProposalCommandType> = {
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
  correctChangeProposal: 'CorrectChangeProposal',
};

export const changeProposalMutations = commandMutations('changeProposal', 'changeProposal', mutations);
