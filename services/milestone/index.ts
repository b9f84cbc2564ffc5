export * from './view.ts';
export * from './events.ts';
export * from './commands.ts';
export * from './decider.ts';
export * from './module.ts';
export { milestoneKeyOf } from './key.ts';
export * from './presenter.ts';
