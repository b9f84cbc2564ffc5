import type { ItemModule } from '../core/decider.ts';
import { workstreamReportId } from '../../schema/ids.ts';
import { workstreamReportCommandSchemas, type WorkstreamReportCommand } from './commands.ts';
import { evolveWorkstreamReport, workstreamReportDecider, type WorkstreamReportState } from './decider.ts';
import { workstreamReportEventDefinitions, type WorkstreamReportEvent } from './events.ts';
import { workstreamReportPresenter } from './presenter.ts';
import type { WorkstreamReportView } from './view.ts';

/** No code body: the secretariat keeps the workstream reports (services/access.ts). */
export const workstreamReportModule: ItemModule<
  WorkstreamReportCommand,
  WorkstreamReportEvent,
  WorkstreamReportState,
  WorkstreamReportView
> = {
  kind: 'workstreamReport',
  decider: workstreamReportDecider,
  events: workstreamReportEventDefinitions,
  streamOf: (command) => workstreamReportId(command.data.meeting, command.data.workstream),
  // A report's stream is named by its id.
  itemIdOf: (stream) => stream,
  evolveView: evolveWorkstreamReport,
  idPrefix: 'workstream-report',
  commands: workstreamReportCommandSchemas,
  mutations: {
    submitWorkstreamReport: 'SubmitWorkstreamReport',
    reportWorkstreamStatus: 'ReportWorkstreamStatus',
    reviseWorkstreamReport: 'ReviseWorkstreamReport',
    correctWorkstreamReport: 'CorrectWorkstreamReport',
  },
  presenter: workstreamReportPresenter,
};
