/**
 * The commands an import row may name, by kind, for `ccag import --help`. Listed here so
 * help loads no schemas; a test checks the list against services/items.ts.
 */
export const importableCommandsByKind: Readonly<Record<string, readonly string[]>> = {
  changeProposal: [
    'RaiseChangeProposal',
    'EditChangeProposal',
    'ChangeChangeProposalStatus',
    'SetDecisionDate',
    'AddChangeProposalUpdate',
    'SetKeyDates',
    'AssignChangeProposalToRelease',
    'WithdrawChangeProposal',
    'ReinstateChangeProposal',
    'RelateChangeProposalToChangeProposals',
    'SetChangeProposalDisplayOrder',
    'CorrectChangeProposal',
  ],
  workstreamReport: ['SubmitWorkstreamReport', 'ReportWorkstreamStatus', 'ReviseWorkstreamReport', 'CorrectWorkstreamReport'],
  milestone: [
    'BaselineMilestone',
    'RebaselineMilestone',
    'ForecastMilestone',
    'ReportMilestoneStatus',
    'CompleteMilestone',
    'EditMilestoneDescription',
    'RelateMilestoneToChangeProposals',
    'SetMilestoneDisplayOrder',
    'CorrectMilestone',
  ],
  riskTheme: ['RaiseRiskTheme', 'ReviseRiskTheme', 'RetireRiskTheme', 'CorrectRiskTheme'],
  risk: [
    'RaiseRisk',
    'AssessRiskScore',
    'ReviseRiskMitigation',
    'EditRiskDescription',
    'CloseRisk',
    'ReopenRisk',
    'RelateRiskToChangeProposals',
    'CorrectRisk',
  ],
  action: [
    'RaiseAction',
    'UpdateAction',
    'ChangeActionDueDate',
    'ReassignAction',
    'RecommendActionClosed',
    'CloseAction',
    'ReopenAction',
    'RelateActionToChangeProposals',
    'CorrectAction',
  ],
  meeting: [
    'ScheduleMeeting',
    'RescheduleMeeting',
    'PlanMeetingAgenda',
    'HoldMeeting',
    'RecordMeetingDocument',
    'RecordMeetingNextSteps',
    'RecordForwardPlan',
    'CorrectMeeting',
  ],
};

export const importableCommands = [
  ...Object.entries(importableCommandsByKind).flatMap(([kind, commands]) => wrap(`${kind}: `, commands)),
  '  (HoldMeeting takes number and heldOn; the register computes its boundary and digest.)',
].join('\n');

function wrap(lead: string, words: readonly string[], width = 96): string[] {
  const lines: string[] = [];
  let line = `  ${lead}`;
  for (const [i, word] of words.entries()) {
    const piece = i < words.length - 1 ? `${word},` : word;
    if (line.length + piece.length + 1 > width && line.trim() !== lead.trim()) {
      lines.push(line);
      line = `    ${piece}`;
    } else {
      line = line.endsWith(' ') ? `${line}${piece}` : `${line} ${piece}`;
    }
  }
  lines.push(line);
  return lines;
}
