import type { CommandForm } from './catalogue.ts';
import { correctForm, displayOrderForm, linesOf, meetingKey, none, statusIs, statusIsNot, textOf } from './form-shapes.ts';

/*
 * Forms for the pack's own content: a meeting's cover, next steps and forward plan, display
 * orders, workstream reports and risk themes. Lists are one entry a line.
 */

const reportKey = (item: Record<string, unknown>) => ({ meeting: item['meeting'], workstream: item['workstream'] });
const themeKey = (item: Record<string, unknown>) => ({ key: item['key'] });
const scheduled = statusIs('Scheduled');
const open = statusIsNot('Retired');
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

export const changeProposalOrderForm = displayOrderForm(
  'setChangeProposalDisplayOrder',
  'SetChangeProposalDisplayOrder',
  'changeProposal',
  'Place in the log',
  (item) => ({ codeBody: item['codeBody'], ref: item['ref'] }),
);

export const milestoneOrderForm = displayOrderForm(
  'setMilestoneDisplayOrder',
  'SetMilestoneDisplayOrder',
  'milestone',
  'Place in its table',
  (item) => ({ workstream: item['workstream'], key: item['key'] }),
);

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
  correctForm('correctWorkstreamReport', 'CorrectWorkstreamReport', 'workstreamReport', reportKey, [
    { name: 'fields.rag', label: 'Overall status (RAG)', ...ragChoice },
    ...reportTexts('fields.', false),
  ]),
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
    offeredFor: open,
    initial: (t) => ({
      summary: textOf(t['summary']),
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
    offeredFor: open,
    fields: [{ name: 'on', label: 'Retired on', type: 'day', required: true }],
  },
  correctForm('correctRiskTheme', 'CorrectRiskTheme', 'riskTheme', themeKey, [
    { name: 'fields.theme', label: 'Theme', type: 'text' },
    { name: 'fields.summary', label: 'Summary', type: 'textarea' },
    { name: 'fields.mitigationApproach', label: 'Mitigation approach (one point a line)', type: 'lines' },
    { name: 'fields.raisedOn', label: 'Raised on', type: 'day' },
  ]),
];
