import type { ItemModule } from '../core/decider.ts';
import { riskThemeId } from '../../schema/ids.ts';
import { riskThemeCommandSchemas, type RiskThemeCommand } from './commands.ts';
import { evolveRiskTheme, riskThemeDecider, type RiskThemeState } from './decider.ts';
import { riskThemeEventDefinitions, type RiskThemeEvent } from './events.ts';
import { riskThemePresenter } from './presenter.ts';
import type { RiskThemeView } from './view.ts';

/** No code body: the secretariat keeps the risk themes (services/access.ts). */
export const riskThemeModule: ItemModule<RiskThemeCommand, RiskThemeEvent, RiskThemeState, RiskThemeView> = {
  kind: 'riskTheme',
  decider: riskThemeDecider,
  events: riskThemeEventDefinitions,
  streamOf: (command) => riskThemeId(command.data.key),
  // A theme's stream is named by its id.
  itemIdOf: (stream) => stream,
  evolveView: evolveRiskTheme,
  idPrefix: 'risk-theme',
  commands: riskThemeCommandSchemas,
  mutations: {
    raiseRiskTheme: 'RaiseRiskTheme',
    reviseRiskTheme: 'ReviseRiskTheme',
    retireRiskTheme: 'RetireRiskTheme',
    correctRiskTheme: 'CorrectRiskTheme',
  },
  presenter: riskThemePresenter,
};
