export * from './view.ts';
export * from './events.ts';
export * from './commands.ts';
export * from './owner.ts';
export { meetingOfActionRef } from './ref.ts';
export { actionDecider, evolveAction, type ActionState } from './decider.ts';
export { actionModule } from './module.ts';
export * from './presenter.ts';
