import type { ItemKind } from '../items.ts';
import type { MutationName } from '../api/mutation-names.ts';
import { changeProposalOrderForm, meetingPackForms, milestoneOrderForm, riskThemeForms, workstreamReportForms } from './catalogue-pack.ts';
import { correctForm, linesOf, meetingKey, none, relateForm, statusIs, statusIsNot, textOf } from './form-shapes.ts';

/** One input of a form. `name` is its path in the command's input ("score", "fields.title", "owner.party"). */
export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  /** `status`: a choice of the statuses the register knows for the form's kind of item. */
  readonly type:
    | 'text'
    | 'textarea'
    | 'day'
    | 'plannedDate'
    | 'score'
    | 'number'
    | 'select'
    | 'status'
    | 'lines'
    | 'codeBody'
    | 'workstream'
    | 'related'
    | 'keyDates';
  readonly options?: readonly string[];
  readonly required?: boolean;
  readonly help?: string;
  /** What an empty field sends where empty means "none" rather than "leave as is". */
  readonly emptySends?: null | readonly never[];
}

/** A form for one command of the register, as data: shared code renders, checks and sends every one. */
export interface CommandForm {
  readonly mutation: MutationName;
  /** The command type whose zod schema (from the slice) checks the input, as the server does. */
  readonly commandType: string;
  readonly kind: ItemKind;
  readonly label: string;
  readonly fields: readonly FieldSpec[];
  /** Where a reason goes: a required input field, or the write options (optional); absent: options, optional. */
  readonly reason?: 'input-required' | 'input-optional';
  /** Asks to confirm before sending, saying what the command does that cannot be undone. */
  readonly confirm?: string;
  /** The confirmation shows the boundary position and digest the write will freeze (holding a meeting). */
  readonly previewsFreeze?: boolean;
  /** Whether the item's state offers this command (the server decides; this only hides the pointless). */
  readonly offeredFor?: (item: Record<string, unknown>) => boolean;
  /** The fields that name the item, from the item (raise forms: none). */
  readonly key: (item: Record<string, unknown>) => Record<string, unknown>;
  /** Starting values from the item, as text. */
  readonly initial?: (item: Record<string, unknown>) => Record<string, string>;
}

const cpKey = (item: Record<string, unknown>) => ({ codeBody: item['codeBody'], ref: item['ref'] });
const milestoneKey = (item: Record<string, unknown>) => ({ workstream: item['workstream'], key: item['key'] });
const riskKey = (item: Record<string, unknown>) => ({ riskId: item['ref'] });
const actionKey = (item: Record<string, unknown>) => ({ ref: item['ref'] });
const keyDatesText = (item: Record<string, unknown>) =>
  Array.isArray(item['keyDates'])
    ? (item['keyDates'] as { event?: unknown; date?: unknown }[]).map((k) => `${textOf(k.event)}: ${textOf(k.date)}`).join('\n')
    : '';

export const changeProposalForms: readonly CommandForm[] = [
  {
    mutation: 'raiseChangeProposal',
    commandType: 'RaiseChangeProposal',
    kind: 'changeProposal',
    label: 'Raise a change proposal',
    key: none,
    fields: [
      { name: 'codeBody', label: 'Code body', type: 'codeBody', required: true },
      { name: 'ref', label: 'Reference', type: 'text', required: true, help: 'As the code body numbers it, e.g. R0209 or P478.' },
      { name: 'title', label: 'Title', type: 'text', required: true },
      { name: 'summary', label: 'Summary', type: 'textarea', required: true },
      { name: 'stakeholderPositions', label: 'Stakeholder positions', type: 'textarea' },
      { name: 'raisedOn', label: 'Date raised', type: 'day', required: true },
      { name: 'status', label: 'Status', type: 'status' },
      { name: 'decisionDate', label: 'Decision date', type: 'plannedDate' },
      { name: 'mhhsImpact', label: 'MHHS impact', type: 'textarea', required: true },
      { name: 'relatedChangeProposals', label: 'Related change proposals', type: 'related' },
    ],
  },
  {
    mutation: 'editChangeProposal',
    commandType: 'EditChangeProposal',
    kind: 'changeProposal',
    label: 'Edit',
    key: cpKey,
    initial: (cp) => ({
      title: textOf(cp['title']),
      summary: textOf(cp['summary']),
      stakeholderPositions: textOf(cp['stakeholderPositions']),
      mhhsImpact: textOf(cp['mhhsImpact']),
    }),
    fields: [
      { name: 'title', label: 'Title', type: 'text' },
      { name: 'summary', label: 'Summary', type: 'textarea' },
      { name: 'stakeholderPositions', label: 'Stakeholder positions', type: 'textarea' },
      { name: 'mhhsImpact', label: 'MHHS impact', type: 'textarea' },
    ],
  },
  {
    mutation: 'changeChangeProposalStatus',
    commandType: 'ChangeChangeProposalStatus',
    kind: 'changeProposal',
    label: 'Change status',
    key: cpKey,
    offeredFor: statusIsNot('Withdrawn'),
    initial: (cp) => ({ status: textOf(cp['status']) }),
    fields: [{ name: 'status', label: 'Status', type: 'status', required: true }],
  },
  {
    mutation: 'setDecisionDate',
    commandType: 'SetDecisionDate',
    kind: 'changeProposal',
    label: 'Set decision date',
    key: cpKey,
    initial: (cp) => ({ decisionDate: textOf(cp['decisionDate']) }),
    fields: [{ name: 'decisionDate', label: 'Decision date', type: 'plannedDate', required: true }],
  },
  {
    mutation: 'addChangeProposalUpdate',
    commandType: 'AddChangeProposalUpdate',
    kind: 'changeProposal',
    label: 'Add an update',
    key: cpKey,
    fields: [
      { name: 'on', label: 'Dated', type: 'day', required: true },
      { name: 'text', label: 'Update', type: 'textarea', required: true },
    ],
  },
  {
    mutation: 'withdrawChangeProposal',
    commandType: 'WithdrawChangeProposal',
    kind: 'changeProposal',
    label: 'Withdraw',
    key: cpKey,
    offeredFor: statusIsNot('Withdrawn'),
    fields: [
      { name: 'on', label: 'Withdrawn on', type: 'day', required: true },
      { name: 'statement', label: 'Statement', type: 'textarea', required: true },
    ],
  },
  {
    mutation: 'reinstateChangeProposal',
    commandType: 'ReinstateChangeProposal',
    kind: 'changeProposal',
    label: 'Reinstate',
    key: cpKey,
    offeredFor: statusIs('Withdrawn'),
    fields: [{ name: 'status', label: 'Status after reinstating', type: 'status' }],
  },
  {
    mutation: 'setKeyDates',
    commandType: 'SetKeyDates',
    kind: 'changeProposal',
    label: 'Set key dates',
    key: cpKey,
    initial: (cp) => ({ keyDates: keyDatesText(cp) }),
    fields: [
      {
        name: 'keyDates',
        label: 'Key dates (one "event: date" a line; empty: none)',
        type: 'keyDates',
        emptySends: [],
        help: 'e.g. "Implementation: Q1 2025". Replaces the whole timeline.',
      },
    ],
  },
  {
    mutation: 'assignChangeProposalToRelease',
    commandType: 'AssignChangeProposalToRelease',
    kind: 'changeProposal',
    label: 'Assign to release',
    key: cpKey,
    initial: (cp) => ({ release: textOf(cp['release']) }),
    fields: [{ name: 'release', label: 'Release (empty: none)', type: 'text', emptySends: null, help: 'e.g. "June 2025 Release".' }],
  },
  relateForm('relateChangeProposal', 'RelateChangeProposalToChangeProposals', 'changeProposal', cpKey),
  correctForm(
    'correctChangeProposal',
    'CorrectChangeProposal',
    'changeProposal',
    cpKey,
    [
      { name: 'fields.title', label: 'Title', type: 'text' },
      { name: 'fields.summary', label: 'Summary', type: 'textarea' },
      { name: 'fields.stakeholderPositions', label: 'Stakeholder positions', type: 'textarea' },
      { name: 'fields.raisedOn', label: 'Date raised', type: 'day' },
      { name: 'fields.decisionDate', label: 'Decision date', type: 'plannedDate' },
      { name: 'fields.mhhsImpact', label: 'MHHS impact', type: 'textarea' },
    ],
    (cp) => ({
      'fields.title': textOf(cp['title']),
      'fields.summary': textOf(cp['summary']),
      'fields.raisedOn': textOf(cp['raisedOn']),
    }),
  ),
];

export const milestoneForms: readonly CommandForm[] = [
  {
    mutation: 'baselineMilestone',
    commandType: 'BaselineMilestone',
    kind: 'milestone',
    label: 'Baseline a milestone',
    key: none,
    fields: [
      { name: 'workstream', label: 'Workstream', type: 'workstream', required: true },
      { name: 'ref', label: 'Reference', type: 'text', help: 'The programme reference, if it has one (e.g. M8).' },
      { name: 'description', label: 'Milestone', type: 'text', required: true },
      { name: 'baselineDate', label: 'Baseline', type: 'plannedDate', required: true },
      { name: 'forecastDate', label: 'Forecast', type: 'plannedDate' },
      { name: 'status', label: 'Status', type: 'status' },
    ],
  },
  {
    mutation: 'forecastMilestone',
    commandType: 'ForecastMilestone',
    kind: 'milestone',
    label: 'Forecast',
    key: milestoneKey,
    initial: (m) => ({ forecastDate: textOf(m['forecastDate']) }),
    fields: [
      {
        name: 'forecastDate',
        label: 'Forecast',
        type: 'plannedDate',
        required: true,
        help: 'Per party if they differ: "Sun 13/10/24 for BSC; Wed 09/10/24 for REC".',
      },
    ],
  },
  {
    mutation: 'rebaselineMilestone',
    commandType: 'RebaselineMilestone',
    kind: 'milestone',
    label: 'Re-baseline',
    key: milestoneKey,
    reason: 'input-required',
    initial: (m) => ({ baselineDate: textOf(m['baselineDate']) }),
    fields: [{ name: 'baselineDate', label: 'New baseline', type: 'plannedDate', required: true }],
  },
  {
    mutation: 'reportMilestoneStatus',
    commandType: 'ReportMilestoneStatus',
    kind: 'milestone',
    label: 'Report status',
    key: milestoneKey,
    initial: (m) => ({ status: textOf(m['status']) }),
    fields: [{ name: 'status', label: 'Status', type: 'status', required: true }],
  },
  {
    mutation: 'completeMilestone',
    commandType: 'CompleteMilestone',
    kind: 'milestone',
    label: 'Complete',
    key: milestoneKey,
    offeredFor: statusIsNot('Complete'),
    fields: [{ name: 'on', label: 'Completed on', type: 'day', required: true }],
  },
  {
    mutation: 'editMilestoneDescription',
    commandType: 'EditMilestoneDescription',
    kind: 'milestone',
    label: 'Edit description',
    key: milestoneKey,
    initial: (m) => ({ description: textOf(m['description']) }),
    fields: [{ name: 'description', label: 'Milestone', type: 'text', required: true }],
  },
  relateForm('relateMilestone', 'RelateMilestoneToChangeProposals', 'milestone', milestoneKey),
  correctForm('correctMilestone', 'CorrectMilestone', 'milestone', milestoneKey, [
    { name: 'fields.description', label: 'Milestone', type: 'text' },
    { name: 'fields.baselineDate', label: 'Baseline', type: 'plannedDate' },
    { name: 'fields.forecastDate', label: 'Forecast', type: 'plannedDate' },
    { name: 'fields.status', label: 'Status', type: 'status' },
    { name: 'fields.completedOn', label: 'Completed on', type: 'day' },
  ]),
];

export const riskForms: readonly CommandForm[] = [
  {
    mutation: 'raiseRisk',
    commandType: 'RaiseRisk',
    kind: 'risk',
    label: 'Raise a risk',
    key: none,
    fields: [
      { name: 'riskId', label: 'Risk ID', type: 'text', required: true, help: 'e.g. R920' },
      { name: 'description', label: 'Description', type: 'textarea', required: true },
      { name: 'score', label: 'Score (1–30)', type: 'score', required: true },
      { name: 'mitigationPlan', label: 'Mitigation plan (one step a line)', type: 'lines', required: true },
      { name: 'raisedOn', label: 'Raised on', type: 'day', required: true },
    ],
  },
  {
    mutation: 'assessRiskScore',
    commandType: 'AssessRiskScore',
    kind: 'risk',
    label: 'Re-assess score',
    key: riskKey,
    offeredFor: statusIs('Open'),
    initial: (r) => ({ score: textOf(r['score']) }),
    fields: [{ name: 'score', label: 'Score (1–30)', type: 'score', required: true }],
  },
  {
    mutation: 'reviseRiskMitigation',
    commandType: 'ReviseRiskMitigation',
    kind: 'risk',
    label: 'Revise mitigation',
    key: riskKey,
    initial: (r) => ({ mitigationPlan: linesOf(r['mitigationPlan']) }),
    fields: [{ name: 'mitigationPlan', label: 'Mitigation plan (one step a line)', type: 'lines', required: true }],
  },
  {
    mutation: 'editRiskDescription',
    commandType: 'EditRiskDescription',
    kind: 'risk',
    label: 'Edit description',
    key: riskKey,
    initial: (r) => ({ description: textOf(r['description']) }),
    fields: [{ name: 'description', label: 'Description', type: 'textarea', required: true }],
  },
  {
    mutation: 'closeRisk',
    commandType: 'CloseRisk',
    kind: 'risk',
    label: 'Close',
    key: riskKey,
    reason: 'input-optional',
    offeredFor: statusIs('Open'),
    fields: [{ name: 'on', label: 'Closed on', type: 'day', required: true }],
  },
  {
    mutation: 'reopenRisk',
    commandType: 'ReopenRisk',
    kind: 'risk',
    label: 'Reopen',
    key: riskKey,
    offeredFor: statusIs('Closed'),
    fields: [{ name: 'score', label: 'Score (empty: as when closed)', type: 'score' }],
  },
  relateForm('relateRisk', 'RelateRiskToChangeProposals', 'risk', riskKey),
  correctForm('correctRisk', 'CorrectRisk', 'risk', riskKey, [
    { name: 'fields.description', label: 'Description', type: 'textarea' },
    { name: 'fields.score', label: 'Score (1–30)', type: 'score' },
    { name: 'fields.raisedOn', label: 'Raised on', type: 'day' },
  ]),
];

export const actionForms: readonly CommandForm[] = [
  {
    mutation: 'raiseAction',
    commandType: 'RaiseAction',
    kind: 'action',
    label: 'Raise an action',
    key: none,
    fields: [
      { name: 'ref', label: 'Reference', type: 'text', required: true, help: 'e.g. CCAG36-01' },
      { name: 'raisedOn', label: 'Raised on', type: 'day', required: true },
      { name: 'text', label: 'Action', type: 'textarea', required: true },
      { name: 'owner.party', label: 'Owner (party)', type: 'text', required: true },
      { name: 'owner.person', label: 'Owner (person)', type: 'text' },
      { name: 'dueDate', label: 'Due', type: 'day' },
    ],
  },
  {
    mutation: 'updateAction',
    commandType: 'UpdateAction',
    kind: 'action',
    label: 'Update',
    key: actionKey,
    fields: [{ name: 'update', label: 'Update', type: 'textarea', required: true }],
  },
  {
    mutation: 'recommendActionClosed',
    commandType: 'RecommendActionClosed',
    kind: 'action',
    label: 'Recommend closure',
    key: actionKey,
    offeredFor: statusIs('Open'),
    fields: [{ name: 'update', label: 'Update', type: 'textarea' }],
  },
  {
    mutation: 'closeAction',
    commandType: 'CloseAction',
    kind: 'action',
    label: 'Close',
    key: actionKey,
    offeredFor: statusIsNot('Closed'),
    fields: [{ name: 'update', label: 'Update', type: 'textarea' }],
  },
  {
    mutation: 'reopenAction',
    commandType: 'ReopenAction',
    kind: 'action',
    label: 'Reopen',
    key: actionKey,
    offeredFor: statusIsNot('Open'),
    fields: [{ name: 'update', label: 'Update', type: 'textarea' }],
  },
  {
    mutation: 'changeActionDueDate',
    commandType: 'ChangeActionDueDate',
    kind: 'action',
    label: 'Change due date',
    key: actionKey,
    initial: (a) => ({ dueDate: textOf(a['dueDate']) }),
    fields: [{ name: 'dueDate', label: 'Due (empty: none)', type: 'day', emptySends: null }],
  },
  {
    mutation: 'reassignAction',
    commandType: 'ReassignAction',
    kind: 'action',
    label: 'Reassign',
    key: actionKey,
    fields: [
      { name: 'owner.party', label: 'Owner (party)', type: 'text', required: true },
      { name: 'owner.person', label: 'Owner (person)', type: 'text' },
    ],
  },
  relateForm('relateAction', 'RelateActionToChangeProposals', 'action', actionKey),
  correctForm('correctAction', 'CorrectAction', 'action', actionKey, [
    { name: 'fields.text', label: 'Action', type: 'textarea' },
    { name: 'fields.raisedOn', label: 'Raised on', type: 'day' },
    { name: 'fields.dueDate', label: 'Due', type: 'day' },
    { name: 'fields.update', label: 'Update', type: 'textarea' },
  ]),
];

export const meetingForms: readonly CommandForm[] = [
  {
    mutation: 'scheduleMeeting',
    commandType: 'ScheduleMeeting',
    kind: 'meeting',
    label: 'Schedule a meeting',
    key: none,
    fields: [
      { name: 'number', label: 'Meeting number', type: 'number', required: true },
      { name: 'date', label: 'Date', type: 'day', required: true },
      { name: 'agenda', label: 'Agenda (one item a line)', type: 'lines' },
    ],
  },
  {
    mutation: 'rescheduleMeeting',
    commandType: 'RescheduleMeeting',
    kind: 'meeting',
    label: 'Reschedule',
    key: meetingKey,
    offeredFor: statusIs('Scheduled'),
    fields: [{ name: 'date', label: 'Date', type: 'day', required: true }],
  },
  {
    mutation: 'planMeetingAgenda',
    commandType: 'PlanMeetingAgenda',
    kind: 'meeting',
    label: 'Plan agenda',
    key: meetingKey,
    offeredFor: statusIs('Scheduled'),
    initial: (m) => ({ agenda: linesOf(m['agenda']) }),
    fields: [{ name: 'agenda', label: 'Agenda (one item a line)', type: 'lines', required: true }],
  },
  {
    mutation: 'holdMeeting',
    commandType: 'HoldMeeting',
    kind: 'meeting',
    label: 'Hold the meeting',
    key: meetingKey,
    offeredFor: statusIs('Scheduled'),
    confirm:
      'Holding the meeting freezes the register as it stands now: the boundary is the log position of the latest event, and a digest of every item is recorded. It cannot be undone.',
    previewsFreeze: true,
    initial: (m) => ({ heldOn: textOf(m['date']) }),
    fields: [{ name: 'heldOn', label: 'Held on', type: 'day', required: true }],
  },
  correctForm('correctMeeting', 'CorrectMeeting', 'meeting', meetingKey, [
    { name: 'fields.date', label: 'Date', type: 'day' },
    { name: 'fields.agenda', label: 'Agenda (one item a line)', type: 'lines' },
    { name: 'fields.heldOn', label: 'Held on', type: 'day' },
  ]),
];

export const formsByKind: Record<ItemKind, readonly CommandForm[]> = {
  changeProposal: [...changeProposalForms, changeProposalOrderForm],
  workstreamReport: workstreamReportForms,
  milestone: [...milestoneForms, milestoneOrderForm],
  riskTheme: riskThemeForms,
  risk: riskForms,
  action: actionForms,
  meeting: [...meetingForms, ...meetingPackForms],
};

/** The forms that raise a new item (no item yet). */
export const raiseFormOf = (kind: ItemKind): CommandForm => formsByKind[kind][0]!;
