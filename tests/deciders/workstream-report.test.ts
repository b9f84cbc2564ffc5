import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../../services/core/errors.ts';
import {
  workstreamReportCommandSchemas,
  workstreamReportDecider,
  workstreamReportEventDefinitions,
  workstreamReportModule,
  type WorkstreamReportEvent,
} from '../../services/workstream-report/index.ts';
import { commandsOf, deciderSpec } from '../support/decider-spec.ts';

const spec = deciderSpec(workstreamReportDecider);
const { command, badPaths } = commandsOf(workstreamReportCommandSchemas);

// The BSC M8 report of the CCAG #36 pack (its RAG is not printed: Green, as "On track").
const bsc = {
  meeting: 36,
  workstream: 'BSC-M8',
  rag: 'Green',
  overallStatus: [
    'Final SCR Modification Report was submitted to Ofgem on 7 November 2024',
    'On track to deliver BSC Code artifacts by M8',
  ],
  monthlySummary: ['Gathered final Panel views on 6 November'],
  nextMonthDeliverables: ['To continue to develop and agree changes needed for M8 outside of the P478 Modification'],
} as const;
const submitted: WorkstreamReportEvent = {
  type: 'WorkstreamReportSubmitted',
  data: {
    ...bsc,
    overallStatus: [...bsc.overallStatus],
    monthlySummary: [...bsc.monthlySummary],
    nextMonthDeliverables: [...bsc.nextMonthDeliverables],
  },
};
const key = { meeting: 36, workstream: 'BSC-M8' };

describe('a workstream report', () => {
  it('is submitted once per meeting and workstream, its RAG read in any case', () => {
    spec
      .given([])
      .when(command('SubmitWorkstreamReport', { ...bsc, rag: 'green' }))
      .then([submitted]);
    spec
      .given([submitted])
      .when(command('SubmitWorkstreamReport', bsc))
      .thenThrows(InvalidTransitionError, /already been submitted/);
  });

  it('reports a new overall status, and nothing for the same one', () => {
    spec
      .given([submitted])
      .when(command('ReportWorkstreamStatus', { ...key, rag: 'Amber' }))
      .then([{ type: 'WorkstreamStatusReported', data: { from: 'Green', to: 'Amber' } }]);
    spec
      .given([submitted])
      .when(command('ReportWorkstreamStatus', { ...key, rag: 'GREEN' }))
      .thenNothing();
  });

  it('revises only the texts that changed', () => {
    const monthlySummary = [...bsc.monthlySummary, 'Agreed changes to redlining from the P478 consultation'];
    spec
      .given([submitted])
      .when(command('ReviseWorkstreamReport', { ...key, overallStatus: [...bsc.overallStatus], monthlySummary }))
      .then([{ type: 'WorkstreamReportRevised', data: { monthlySummary } }]);
    spec
      .given([submitted])
      .when(command('ReviseWorkstreamReport', { ...key, nextMonthDeliverables: null }))
      .thenNothing();
  });

  it('is corrected with a reason; a correction naming nothing is refused', () => {
    spec
      .given([submitted])
      .when(command('CorrectWorkstreamReport', { ...key, fields: { rag: 'Amber' }, reason: 'typed Green by mistake' }))
      .then([{ type: 'WorkstreamReportCorrected', data: { fields: { rag: 'Amber' }, reason: 'typed Green by mistake' } }]);
    spec
      .given([submitted])
      .when({ type: 'CorrectWorkstreamReport', data: { ...key, fields: {}, reason: 'x' } })
      .thenThrows(ValidationError, /at least one field/);
  });

  it('refuses any change to a report never submitted', () => {
    spec
      .given([])
      .when(command('ReportWorkstreamStatus', { ...key, rag: 'Red' }))
      .thenThrows(NotFoundError, /workstream-report:36:BSC-M8/);
  });

  it('names every bad field', () => {
    expect(
      badPaths('SubmitWorkstreamReport', {
        meeting: 0,
        workstream: 'BSC-M9',
        rag: 'Purple',
        overallStatus: [''],
        monthlySummary: 'x',
      }).sort(),
    ).toEqual(['meeting', 'monthlySummary', 'nextMonthDeliverables', 'overallStatus.0', 'rag', 'workstream']);
  });

  it('lives in its own stream, and every decided event fits its stored schema', () => {
    expect(workstreamReportModule.streamOf(command('ReportWorkstreamStatus', { ...key, rag: 'Red' }))).toBe('workstream-report:36:BSC-M8');
    const written = workstreamReportDecider.decide(command('SubmitWorkstreamReport', bsc), null);
    for (const event of written) {
      expect(workstreamReportEventDefinitions.find((d) => d.type === event.type)?.schema.safeParse(event.data).success).toBe(true);
    }
  });
});
