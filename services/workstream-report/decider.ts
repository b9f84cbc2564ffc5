import type { Decider } from '../core/decider.ts';
import { IntegrityError, InvalidTransitionError, NotFoundError } from '../core/errors.ts';
import { workstreamReportId } from '../../schema/ids.ts';
import { changedFields, correctionIssues, withFields } from '../core/corrections.ts';
import { refuseIssues } from '../core/input-checks.ts';
import type { WorkstreamReportCommand } from './commands.ts';
import type { WorkstreamReportEvent } from './events.ts';
import type { WorkstreamReportView } from './view.ts';

/** The decider's state is the report as submitted and revised; null before it is submitted. */
export type WorkstreamReportState = WorkstreamReportView | null;

export const workstreamReportDecider: Decider<WorkstreamReportCommand, WorkstreamReportEvent, WorkstreamReportState> = {
  initialState: () => null,
  evolve: evolveWorkstreamReport,
  decide(command, state) {
    const id = workstreamReportId(command.data.meeting, command.data.workstream);
    if (command.type === 'SubmitWorkstreamReport') {
      if (state) throw new InvalidTransitionError(`${id} has already been submitted; revise it instead`);
      return [{ type: 'WorkstreamReportSubmitted', data: command.data }];
    }
    if (!state) throw new NotFoundError('Workstream report', id);
    switch (command.type) {
      case 'ReportWorkstreamStatus':
        return command.data.rag === state.rag
          ? []
          : [{ type: 'WorkstreamStatusReported', data: { from: state.rag, to: command.data.rag } }];
      case 'ReviseWorkstreamReport': {
        const { overallStatus, monthlySummary, nextMonthDeliverables } = command.data;
        const changed = changedFields(state, { overallStatus, monthlySummary, nextMonthDeliverables });
        return Object.keys(changed).length === 0 ? [] : [{ type: 'WorkstreamReportRevised', data: changed }];
      }
      case 'CorrectWorkstreamReport': {
        const { fields, reason } = command.data;
        refuseIssues(correctionIssues(fields, reason));
        const changed = changedFields(state, fields);
        return Object.keys(changed).length === 0 ? [] : [{ type: 'WorkstreamReportCorrected', data: { fields: changed, reason } }];
      }
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },
};

/** The report after `event`; also the read side's evolveView. */
export function evolveWorkstreamReport(state: WorkstreamReportState, event: WorkstreamReportEvent): WorkstreamReportView {
  if (event.type === 'WorkstreamReportSubmitted') {
    return { id: workstreamReportId(event.data.meeting, event.data.workstream), ...event.data };
  }
  if (!state) throw new IntegrityError(`${event.type} for a workstream report that was never submitted`);
  switch (event.type) {
    case 'WorkstreamStatusReported':
      return { ...state, rag: event.data.to };
    case 'WorkstreamReportRevised':
      return withFields(state, event.data);
    case 'WorkstreamReportCorrected':
      return withFields(state, event.data.fields);
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
