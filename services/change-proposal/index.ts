export * from './view.ts';
export * from './events.ts';
export * from './commands.ts';
export * from './decider.ts';
export * from './module.ts';
export * from './presenter.ts';
