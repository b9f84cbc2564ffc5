import fc from 'fast-check';
import type { RegisterCommand } from './projection-harness.ts';

/*
 * Random register commands over a small world (three of each item), so that sequences hit
 * the same items again and again: raised, moved, closed, reopened, corrected. Many commands
 * are refused by the deciders (closing what is not open, ...); the tests skip those.
 */

const riskIds = ['R202', 'R485', 'R920'] as const;
const actionRefs = ['CCAG35-01', 'CCAG35-02', 'CCAG36-01'] as const;
const milestones = [
  { workstream: 'REC-M8', ref: 'T2-RE-0600' },
  { workstream: 'BSC-M8', ref: '3707' },
  { workstream: 'REC-M8', ref: '3707' },
] as const;
const proposals = [
  { codeBody: 'REC', ref: 'R0209' },
  { codeBody: 'BSC', ref: 'P478' },
  { codeBody: 'DCUSA', ref: 'DCP444' },
] as const;
const proposalIds = proposals.map((p) => `cp:${p.codeBody}:${p.ref}`);
const meetingNumbers = [35, 36, 37] as const;

const day = fc.constantFrom('2024-08-02', '2024-10-23', '2024-11-27', '2024-12-11', '2025-01-15');
const later = fc.constantFrom('2025-02-01', '2025-03-31');
const plannedDate = fc.oneof(
  day.map((date) => ({ kind: 'date', date })),
  fc.constant({ kind: 'tbc' }),
  fc.constantFrom(3, 9).map((month) => ({ kind: 'month', year: 2025, month })),
  fc.constant({
    kind: 'perParty',
    parts: [
      { parties: ['BSC'], date: { kind: 'date', date: '2024-10-13' } },
      { parties: ['REC'], date: { kind: 'date', date: '2024-10-09' } },
    ],
  }),
);
const words = fc.constantFrom(
  'Monitor DIN volumes',
  'Amend the drafting plan',
  'Update provided at QWG',
  'See item 4',
  'To be played back',
);
const steps = fc.array(words, { maxLength: 2 });
const score = fc.constantFrom(5, 10, 15, 20, 25);
const related = fc.subarray(proposalIds, { maxLength: 2 });
const owner = fc.constantFrom(
  { party: 'Code Bodies' },
  { party: 'REC', person: 'Andrew Wallace' },
  { party: 'Programme', person: 'Claire Silk' },
);
const actor = fc.constantFrom('secretariat@ccag', 'rec-editor@rec', 'bsc-editor@bsc');
const reason = fc.constantFrom('Typo in the pack', 'Wrong column');

/** A non-empty record of some of the given fields. */
function someOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(fields, { requiredKeys: [] }).filter((r) => Object.keys(r).length > 0);
}

function command(kind: RegisterCommand['kind'], type: string, input: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<RegisterCommand> {
  return fc.tuple(input, actor).map(([data, by]) => ({ kind, type, input: data, actor: by }));
}

const raiseRisk = (riskId: string) =>
  command(
    'risk',
    'RaiseRisk',
    fc.record({
      riskId: fc.constant(riskId),
      description: words,
      score,
      mitigationPlan: steps,
      raisedOn: day,
      relatedChangeProposals: related,
    }),
  );

const riskCommand = fc.constantFrom(...riskIds).chain((riskId) => {
  const k = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record({ riskId: fc.constant(riskId), ...fields });
  return fc.oneof(
    raiseRisk(riskId),
    { weight: 3, arbitrary: command('risk', 'AssessRiskScore', k({ score })) },
    command('risk', 'ReviseRiskMitigation', k({ mitigationPlan: steps })),
    command('risk', 'EditRiskDescription', k({ description: words })),
    command('risk', 'CloseRisk', k({ on: later })),
    command('risk', 'ReopenRisk', k({ score: fc.option(score, { nil: null }) })),
    command('risk', 'RelateRiskToChangeProposals', k({ add: related })),
    command('risk', 'CorrectRisk', k({ fields: someOf({ description: words, score, mitigationPlan: steps }), reason })),
  );
});

const raiseAction = (ref: string) =>
  command(
    'action',
    'RaiseAction',
    fc.record({ ref: fc.constant(ref), raisedOn: fc.constant('2024-10-23'), text: words, owner, dueDate: fc.option(later, { nil: null }) }),
  );

const actionCommand = fc.constantFrom(...actionRefs).chain((ref) => {
  const k = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record({ ref: fc.constant(ref), ...fields });
  const update = fc.option(words, { nil: null });
  return fc.oneof(
    raiseAction(ref),
    command('action', 'UpdateAction', k({ update: words })),
    command('action', 'ChangeActionDueDate', k({ dueDate: fc.option(later, { nil: null }) })),
    command('action', 'ReassignAction', k({ owner })),
    command('action', 'RecommendActionClosed', k({ update })),
    command('action', 'CloseAction', k({ update })),
    command('action', 'ReopenAction', k({ update })),
    command('action', 'RelateActionToChangeProposals', k({ add: related, remove: fc.constant([]) })),
    command('action', 'CorrectAction', k({ fields: someOf({ text: words, owner, dueDate: later }), reason })),
  );
});

const baselineMilestone = ({ workstream, ref }: (typeof milestones)[number]) =>
  command(
    'milestone',
    'BaselineMilestone',
    fc.record({
      workstream: fc.constant(workstream),
      ref: fc.constant(ref),
      description: words,
      baselineDate: plannedDate,
      status: fc.constantFrom('Green', 'Amber'),
    }),
  );

const milestoneCommand = fc.constantFrom(...milestones).chain((milestone) => {
  const { workstream, ref } = milestone;
  const k = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
    fc.record({ workstream: fc.constant(workstream), key: fc.constant(ref), ...fields });
  return fc.oneof(
    baselineMilestone(milestone),
    command('milestone', 'RebaselineMilestone', k({ baselineDate: plannedDate, reason })),
    { weight: 2, arbitrary: command('milestone', 'ForecastMilestone', k({ forecastDate: plannedDate })) },
    command('milestone', 'ReportMilestoneStatus', k({ status: fc.constantFrom('Green', 'Amber', 'Red', 'In progress') })),
    command('milestone', 'CompleteMilestone', k({ on: later })),
    command('milestone', 'EditMilestoneDescription', k({ description: words })),
    command('milestone', 'RelateMilestoneToChangeProposals', k({ add: related })),
    command('milestone', 'CorrectMilestone', k({ fields: someOf({ description: words, forecastDate: plannedDate }), reason })),
  );
});

const othersThan = (codeBody: string, ref: string) =>
  fc.subarray(
    proposalIds.filter((id) => id !== `cp:${codeBody}:${ref}`),
    { maxLength: 1 },
  );

const raiseProposal = ({ codeBody, ref }: (typeof proposals)[number]) =>
  command(
    'changeProposal',
    'RaiseChangeProposal',
    fc.record({
      codeBody: fc.constant(codeBody),
      ref: fc.constant(ref),
      title: words,
      summary: words,
      raisedOn: day,
      status: fc.constantFrom('New', 'Voting', 'Under Development'),
      mhhsImpact: fc.constantFrom('Direct impact', 'Of interest'),
      relatedChangeProposals: othersThan(codeBody, ref),
    }),
  );

const proposalCommand = fc.constantFrom(...proposals).chain((proposal) => {
  const { codeBody, ref } = proposal;
  const k = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
    fc.record({ codeBody: fc.constant(codeBody), ref: fc.constant(ref), ...fields });
  const others = othersThan(codeBody, ref);
  return fc.oneof(
    raiseProposal(proposal),
    command('changeProposal', 'EditChangeProposal', k({ title: words })),
    {
      weight: 2,
      arbitrary: command(
        'changeProposal',
        'ChangeChangeProposalStatus',
        k({ status: fc.constantFrom('Voting', 'Awaiting Authority decision', 'Approved', 'Rejected') }),
      ),
    },
    { weight: 2, arbitrary: command('changeProposal', 'SetDecisionDate', k({ decisionDate: plannedDate })) },
    command('changeProposal', 'AddChangeProposalUpdate', k({ on: day, text: words })),
    command(
      'changeProposal',
      'SetKeyDates',
      k({ keyDates: fc.array(fc.record({ event: words, date: day.map((date) => ({ kind: 'date', date })) }), { maxLength: 2 }) }),
    ),
    command(
      'changeProposal',
      'AssignChangeProposalToRelease',
      k({ release: fc.option(fc.constantFrom('February 2025', 'June 2025'), { nil: null }) }),
    ),
    command('changeProposal', 'WithdrawChangeProposal', k({ on: later, statement: words })),
    command('changeProposal', 'ReinstateChangeProposal', k({})),
    command('changeProposal', 'RelateChangeProposalToChangeProposals', k({ add: others })),
    command(
      'changeProposal',
      'CorrectChangeProposal',
      k({ fields: someOf({ title: words, decisionDate: plannedDate, release: fc.constant('June 2025') }), reason }),
    ),
  );
});

const scheduleMeeting = (number: number) =>
  command('meeting', 'ScheduleMeeting', fc.record({ number: fc.constant(number), date: day, agenda: steps }));

const meetingCommand = fc.constantFrom(...meetingNumbers).chain((number) => {
  const k = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record({ number: fc.constant(number), ...fields });
  return fc.oneof(
    scheduleMeeting(number),
    command('meeting', 'RescheduleMeeting', k({ date: day })),
    command('meeting', 'PlanMeetingAgenda', k({ agenda: steps })),
    { weight: 2, arbitrary: command('meeting', 'HoldMeeting', k({ heldOn: day })) },
    command('meeting', 'CorrectMeeting', k({ fields: someOf({ date: day, agenda: steps }), reason })),
  );
});

export const registerCommand: fc.Arbitrary<RegisterCommand> = fc.oneof(riskCommand, actionCommand, milestoneCommand, proposalCommand, {
  weight: 1,
  arbitrary: meetingCommand,
});

/** Raises for some of the world's items, in any order, so that later commands find them. */
const openingRaises: fc.Arbitrary<RegisterCommand[]> = fc
  .tuple(
    ...riskIds.map(raiseRisk),
    ...actionRefs.map(raiseAction),
    ...milestones.map(baselineMilestone),
    ...proposals.map(raiseProposal),
    ...meetingNumbers.map(scheduleMeeting),
  )
  .chain((raises) => fc.shuffledSubarray(raises, { minLength: 3 }));

/** Some opening raises, then `minLength` to `maxLength` random commands. */
export function registerCommands(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<RegisterCommand[]> {
  return fc
    .tuple(openingRaises, fc.array(registerCommand, { minLength: constraints.minLength ?? 5, maxLength: constraints.maxLength ?? 40 }))
    .map(([raises, moves]) => [...raises, ...moves]);
}
