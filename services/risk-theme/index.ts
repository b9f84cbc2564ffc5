export * from './view.ts';
export * from './events.ts';
export * from './commands.ts';
export { riskThemeDecider, evolveRiskTheme, type RiskThemeState } from './decider.ts';
export { riskThemeModule } from './module.ts';
export * from './presenter.ts';
