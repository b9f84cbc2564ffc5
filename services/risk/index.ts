export * from './view.ts';
export * from './events.ts';
export * from './commands.ts';
export { riskDecider, evolveRisk, type RiskState } from './decider.ts';
export { riskModule } from './module.ts';
export * from './presenter.ts';
