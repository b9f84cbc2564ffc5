import type { Decider } from '../core/decider.ts';
import { IntegrityError, InvalidTransitionError, NotFoundError } from '../core/errors.ts';
import { riskThemeId } from '../../schema/ids.ts';
import { changedFields, correctionIssues, withFields } from '../core/corrections.ts';
import { refuseIssues } from '../core/input-checks.ts';
import type { RiskThemeCommand } from './commands.ts';
import type { RiskThemeEvent } from './events.ts';
import type { RiskThemeView } from './view.ts';

/** The decider's state is the theme as the table shows it; null before it is raised. */
export type RiskThemeState = RiskThemeView | null;

export const riskThemeDecider: Decider<RiskThemeCommand, RiskThemeEvent, RiskThemeState> = {
  initialState: () => null,
  evolve: evolveRiskTheme,
  decide(command, state) {
    const id = riskThemeId(command.data.key);
    if (command.type === 'RaiseRiskTheme') {
      if (state) throw new InvalidTransitionError(`${id} is already on the register; revise it instead`);
      return [{ type: 'RiskThemeRaised', data: command.data }];
    }
    if (!state) throw new NotFoundError('Risk theme', id);
    switch (command.type) {
      case 'ReviseRiskTheme': {
        if (state.status === 'Retired') throw new InvalidTransitionError(`${id} was retired on ${state.retiredOn}; correct it instead`);
        const { summary, mitigationApproach } = command.data;
        const changed = changedFields(state, { summary, mitigationApproach });
        return Object.keys(changed).length === 0 ? [] : [{ type: 'RiskThemeRevised', data: changed }];
      }
      case 'RetireRiskTheme':
        if (state.status === 'Retired') throw new InvalidTransitionError(`${id} was already retired on ${state.retiredOn}`);
        return [{ type: 'RiskThemeRetired', data: { on: command.data.on } }];
      case 'CorrectRiskTheme': {
        const { fields, reason } = command.data;
        refuseIssues(correctionIssues(fields, reason));
        const changed = changedFields(state, fields);
        return Object.keys(changed).length === 0 ? [] : [{ type: 'RiskThemeCorrected', data: { fields: changed, reason } }];
      }
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },
};

/** The theme after `event`; also the read side's evolveView. */
export function evolveRiskTheme(state: RiskThemeState, event: RiskThemeEvent): RiskThemeView {
  if (event.type === 'RiskThemeRaised') {
    return { id: riskThemeId(event.data.key), ...event.data, status: 'Open', retiredOn: null };
  }
  if (!state) throw new IntegrityError(`${event.type} for a risk theme that was never raised`);
  switch (event.type) {
    case 'RiskThemeRevised':
      return withFields(state, event.data);
    case 'RiskThemeRetired':
      return { ...state, status: 'Retired', retiredOn: event.data.on };
    case 'RiskThemeCorrected':
      return withFields(state, event.data.fields);
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
