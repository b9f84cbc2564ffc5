import type { ItemModule } from '../core/decider.ts';
import { riskItemId } from '../../schema/ids.ts';
import { riskCommandSchemas, type RiskCommand } from './commands.ts';
import { riskPresenter } from './presenter.ts';
import { evolveRisk, riskDecider, type RiskState } from './decider.ts';
import { riskEventDefinitions, type RiskEvent } from './events.ts';
import type { RiskView } from './view.ts';

export const riskModule: ItemModule<RiskCommand, RiskEvent, RiskState, RiskView> = {
  kind: 'risk',
  decider: riskDecider,
  events: riskEventDefinitions,
  streamOf: (command) => riskItemId(command.data.riskId),
  // A risk's stream is named by its id.
  itemIdOf: (stream) => stream,
  evolveView: evolveRisk,
  idPrefix: 'risk',
  commands: riskCommandSchemas,
  mutations: {
    raiseRisk: 'RaiseRisk',
    assessRiskScore: 'AssessRiskScore',
    reviseRiskMitigation: 'ReviseRiskMitigation',
    editRiskDescription: 'EditRiskDescription',
    closeRisk: 'CloseRisk',
    reopenRisk: 'ReopenRisk',
    relateRisk: 'RelateRiskToChangeProposals',
    correctRisk: 'CorrectRisk',
  },
  references: { RaiseRisk: ['relatedChangeProposals'], RelateRiskToChangeProposals: ['add'] },
  presenter: riskPresenter,
};
