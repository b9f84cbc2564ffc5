import type { CommandForm } from './catalogue.ts';

/*
 * Forms for the pack's own content: a meeting's cover, next steps and forward plan, display
 * orders, workstream reports and risk themes. Lists are one entry a line.
 */

const none = () => ({});
const meetingKey = (item: Record<string, unknown>) => ({ number: item['number'] });
const reportKey = (item: Record<string, unknown>) => ({ meeting: item['meeting'], workstream: item['workstream'] });
const themeKey = (item: Record<string, unknown>) => ({ key: item['key'] });
const scheduled = (item: Record<string, unknown>) => item['status'] === 'Scheduled';
const linesOf = (value: unknown) => (Array.isArray(value) ? value.map(String).join('\n') : '');
const ragChoice = { type: 'select', options: ['Green', 'Amber', 'Red'] } as const;

export const meetingPackForms: readonly CommandForm[] = [
  {
    mutation: 'recordMeetingDocument',
    commandType: 'RecordMeetingDocument',
    kind: 'meeting',
    label: "Record the pack's cover",
    key: meetingKey,
    fields: [
      { name: 'reference', label: 'Document reference', type: 'text', required: true, help: 'As the cover prints it, e.g. MHHS-DEL3283.' },
      { name: 'version', label: 'Version', type: 'text', required: true },
      { name: 'classification', label: 'Classification', type: 'text', required: true },
    ],
  },
  {
    mutation: 'recordMeetingNextSteps',
    commandType: 'RecordMeetingNextSteps',
    kind: 'meeting',
    label: 'Record next steps',
    key: meetingKey,
    offeredFor: scheduled,
    initial: (m) => ({ nextSteps: linesOf(m['nextSteps']) }),
    fields: [{ name: 'nextSteps', label: 'Next steps (one a line)', type: 'lines', required: true }],
  },
  {
    mutation: 'recordForwardPlan',
    commandType: 'RecordForwardPlan',
    kind: 'meeting',
    label: 'Record the forward plan',
    key: meetingKey,
    offeredFor: scheduled,
    fields: [
      { name: 'activities', label: 'Relevant milestones or activities (one a line)', type: 'lines' },
      { name: 'agendaItems', label: 'Agenda items (one a line)', type: 'lines' },
      { name: 'standingItems', label: 'Standing items (one a line)', type: 'lines' },
    ],
  },
];

export const changeProposalOrderForm: CommandForm = {
  mutation: 'setChangeProposalDisplayOrder',
  commandType: 'SetChangeProposalDisplayOrder',
  kind: 'changeProposal',
  label: 'Place in the log',
  key: (item) => ({ codeBody: item['codeBody'], ref: item['ref'] }),
  fields: [{ name: 'displayOrder', label: 'Display order', type: 'number', required: true, help: 'Lowest first; gaps are fine.' }],
};

export const milestoneOrderForm: CommandForm = {
  mutation: 'setMilestoneDisplayOrder',
  commandType: 'SetMilestoneDisplayOrder',
  kind: 'milestone',
  label: 'Place in its table',
  key: (item) => ({ workstream: item['workstream'], key: item['key'] }),
  fields: [{ name: 'displayOrder', label: 'Display order', type: 'number', required: true, help: 'Lowest first; gaps are fine.' }],
};

const reportTexts = (prefix: string, required: boolean) =>
  [
    { name: `${prefix}overallStatus`, label: 'Overall status (one point a line)', type: 'lines', required },
    { name: `${prefix}monthlySummary`, label: 'Monthly summary (one point a line)', type: 'lines', required },
    { name: `${prefix}nextMonthDeliverables`, label: 'Next month deliverables (one a line)', type: 'lines', required },
  ] as const;

export const workstreamReportForms: readonly CommandForm[] = [
  {
    mutation: 'submitWorkstreamReport',
    commandType: 'SubmitWorkstreamReport',
    kind: 'workstreamReport',
    label: 'Submit a workstream report',
    key: none,
    fields: [
      { name: 'meeting', label: 'Meeting number', type: 'number', required: true },
      { name: 'workstream', label: 'Workstream', type: 'workstream', required: true },
      { name: 'rag', label: 'Overall status (RAG)', ...ragChoice, required: true },
      ...reportTexts('', true),
    ],
  },
  {
    mutation: 'reportWorkstreamStatus',
    commandType: 'ReportWorkstreamStatus',
    kind: 'workstreamReport',
    label: 'Report the overall status',
    key: reportKey,
    fields: [{ name: 'rag', label: 'Overall status (RAG)', ...ragChoice, required: true }],
  },
  {
    mutation: 'reviseWorkstreamReport',
    commandType: 'ReviseWorkstreamReport',
    kind: 'workstreamReport',
    label: 'Revise',
    key: reportKey,
    initial: (r) => ({
      overallStatus: linesOf(r['overallStatus']),
      monthlySummary: linesOf(r['monthlySummary']),
      nextMonthDeliverables: linesOf(r['nextMonthDeliverables']),
    }),
    fields: reportTexts('', false),
  },
  {
    mutation: 'correctWorkstreamReport',
    commandType: 'CorrectWorkstreamReport',
    kind: 'workstreamReport',
    label: 'Correct (data-entry fix)',
    key: reportKey,
    reason: 'input-required',
    fields: [{ name: 'fields.rag', label: 'Overall status (RAG)', ...ragChoice }, ...reportTexts('fields.', false)],
  },
];

export const riskThemeForms: readonly CommandForm[] = [
  {
    mutation: 'raiseRiskTheme',
    commandType: 'RaiseRiskTheme',
    kind: 'riskTheme',
    label: 'Raise a risk theme',
    key: none,
    fields: [
      { name: 'theme', label: 'Theme', type: 'text', required: true },
      { name: 'summary', label: 'Summary', type: 'textarea', required: true },
      { name: 'mitigationApproach', label: 'Mitigation approach (one point a line)', type: 'lines', required: true },
      { name: 'raisedOn', label: 'Raised on', type: 'day', required: true },
    ],
  },
  {
    mutation: 'reviseRiskTheme',
    commandType: 'ReviseRiskTheme',
    kind: 'riskTheme',
    label: 'Revise',
    key: themeKey,
    offeredFor: (t) => t['status'] !== 'Retired',
    initial: (t) => ({
      summary: typeof t['summary'] === 'string' ? t['summary'] : '',
      mitigationApproach: linesOf(t['mitigationApproach']),
    }),
    fields: [
      { name: 'summary', label: 'Summary', type: 'textarea' },
      { name: 'mitigationApproach', label: 'Mitigation approach (one point a line)', type: 'lines' },
    ],
  },
  {
    mutation: 'retireRiskTheme',
    commandType: 'RetireRiskTheme',
    kind: 'riskTheme',
    label: 'Retire',
    key: themeKey,
    offeredFor: (t) => t['status'] !== 'Retired',
    fields: [{ name: 'on', label: 'Retired on', type: 'day', required: true }],
  },
  {
    mutation: 'correctRiskTheme',
    commandType: 'CorrectRiskTheme',
    kind: 'riskTheme',
    label: 'Correct (data-entry fix)',
    key: themeKey,
    reason: 'input-required',
    fields: [
      { name: 'fields.theme', label: 'Theme', type: 'text' },
      { name: 'fields.summary', label: 'Summary', type: 'textarea' },
      { name: 'fields.mitigationApproach', label: 'Mitigation approach (one point a line)', type: 'lines' },
      { name: 'fields.raisedOn', label: 'Raised on', type: 'day' },
    ],
  },
];
