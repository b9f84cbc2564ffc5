export * from './view.ts';
export * from './events.ts';
export * from './commands.ts';
export { workstreamReportDecider, evolveWorkstreamReport, type WorkstreamReportState } from './decider.ts';
export { workstreamReportModule } from './module.ts';
export * from './presenter.ts';
