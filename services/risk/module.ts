import type { ItemModule } from '../core/decider.ts';
import { riskItemId } from '../../schema/ids.ts';
import type { RiskCommand } from './commands.ts';
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
};
