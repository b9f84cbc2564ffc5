import { commandMutations } from '../api/mutation.ts';
import type { RiskCommandType } from './commands.ts';

const mutations: Record<string, RiskCommandType> = {
  raiseRisk: 'RaiseRisk',
  assessRiskScore: 'AssessRiskScore',
  reviseRiskMitigation: 'ReviseRiskMitigation',
  editRiskDescription: 'EditRiskDescription',
  closeRisk: 'CloseRisk',
  reopenRisk: 'ReopenRisk',
  relateRisk: 'RelateRiskToChangeProposals',
  correctRisk: 'CorrectRisk',
};

export const riskMutations = commandMutations('risk', 'risk', mutations);
