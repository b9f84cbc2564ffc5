/**
 * Every mutation of the API, in an order in which each one succeeds, written with the text
 * dates people type ("December 2024", "Sun 13/10/24 for BSC; Wed 09/10/24 for REC",
 * "02/08/2024"). Each plan is parameterised by the item it works on, so the same plan can
 * run for a REC item (an editor's) and a BSC item (another body's).
 */

export interface Step {
  readonly mutation: string;
  readonly input: Record<string, unknown>;
}

const step = (mutation: string, input: Record<string, unknown>): Step => ({ mutation, input });

export function changeProposalPlan(codeBody: string, ref: string, relatedId: string): Step[] {
  const key = { codeBody, ref };
  return [
    step('raiseChangeProposal', {
      ...key,
      title: 'Amendments to support MHHS qualification',
      summary: 'Aligns the code with the MHHS design baseline',
      stakeholderPositions: 'Supported by suppliers',
      raisedOn: '02/08/2024',
      decisionDate: 'December 2024',
      mhhsImpact: 'Direct impact',
      keyDates: [{ event: 'Industry Consultation (15WDs)', date: '25/11/24-12/12/24' }],
    }),
    step('editChangeProposal', { ...key, title: 'Amendments to support MHHS qualification and migration' }),
    step('changeChangeProposalStatus', { ...key, status: 'Under Development' }),
    step('setDecisionDate', { ...key, decisionDate: '11/12/2024' }),
    step('addChangeProposalUpdate', { ...key, on: '20/11/2024', text: 'Party impact assessment has been published' }),
    step('setKeyDates', { ...key, keyDates: [{ event: 'Decision published', date: '6 January 2025' }] }),
    step('assignChangeProposalToRelease', { ...key, release: 'REC 08 November 2024' }),
    step('relateChangeProposal', { ...key, add: [relatedId] }),
    step('correctChangeProposal', { ...key, fields: { summary: 'Aligns the code with the MHHS design' }, reason: 'typo in the summary' }),
    step('withdrawChangeProposal', { ...key, on: '27/11/2024', statement: 'Withdrawn by the proposer' }),
    step('reinstateChangeProposal', { ...key }),
    step('setChangeProposalDisplayOrder', { ...key, displayOrder: 2 }),
  ];
}

export function milestonePlan(workstream: string, ref: string, relatedId: string): Step[] {
  const key = { workstream, key: ref };
  return [
    step('baselineMilestone', {
      workstream,
      ref,
      description: 'Code changes for M8 delivered',
      baselineDate: '09/10/24',
      forecastDate: 'Sun 13/10/24 for BSC; Wed 09/10/24 for REC',
    }),
    step('rebaselineMilestone', { ...key, baselineDate: 'Q1 2025', reason: 'Ofgem moved the decision' }),
    step('forecastMilestone', { ...key, forecastDate: 'December 2024' }),
    step('reportMilestoneStatus', { ...key, status: 'Amber' }),
    step('editMilestoneDescription', { ...key, description: 'Code changes for M8 delivered and live' }),
    step('relateMilestone', { ...key, add: [relatedId] }),
    step('correctMilestone', { ...key, fields: { description: 'Code changes for M8 delivered, live' }, reason: 'wording' }),
    step('completeMilestone', { ...key, on: '14/11/2024' }),
    step('setMilestoneDisplayOrder', { ...key, displayOrder: 5 }),
  ];
}

export function riskPlan(riskId: string, relatedId: string): Step[] {
  return [
    step('raiseRisk', {
      riskId,
      description: 'Code changes are not approved in time for M8',
      score: 20,
      mitigationPlan: ['Track code changes at CCAG', 'Escalate to Ofgem'],
      raisedOn: '02/08/2024',
    }),
    step('assessRiskScore', { riskId, score: 10 }),
    step('reviseRiskMitigation', { riskId, mitigationPlan: ['Track code changes at CCAG'] }),
    step('editRiskDescription', { riskId, description: 'Code changes are not approved in time' }),
    step('relateRisk', { riskId, add: [relatedId] }),
    step('correctRisk', { riskId, fields: { raisedOn: '01/08/2024' }, reason: 'raised a day earlier' }),
    step('closeRisk', { riskId, on: '27/11/2024', reason: 'all changes approved' }),
    step('reopenRisk', { riskId }),
  ];
}

export function actionPlan(ref: string, relatedId: string): Step[] {
  return [
    step('raiseAction', {
      ref,
      raisedOn: '02/10/2024',
      text: 'Circulate the code change tracker',
      owner: { party: 'Programme', person: 'Claire Silk' },
      dueDate: '27/11/2024',
    }),
    step('updateAction', { ref, update: 'Tracker drafted' }),
    step('changeActionDueDate', { ref, dueDate: '11/12/2024' }),
    step('reassignAction', { ref, owner: { party: 'Code Bodies' } }),
    step('relateAction', { ref, add: [relatedId] }),
    step('correctAction', { ref, fields: { text: 'Circulate the code change tracker to CCAG' }, reason: 'wording' }),
    step('recommendActionClosed', { ref, update: 'RECOMMENDED CLOSED: tracker circulated' }),
    step('closeAction', { ref }),
    step('reopenAction', { ref, update: 'Reopened: tracker out of date' }),
  ];
}

export function meetingPlan(number: number): Step[] {
  return [
    step('scheduleMeeting', { number, date: '27/11/2024', agenda: ['Horizon scanning'] }),
    step('rescheduleMeeting', { number, date: '28/11/2024' }),
    step('planMeetingAgenda', {
      number,
      agendaItems: [
        { title: 'Welcome', lead: 'Chair', time: '10:00-10:05 5 mins' },
        {
          title: 'Minutes and Actions',
          objective: 'Approve minutes of previous meeting and review outstanding actions',
          type: 'Decision',
          lead: 'Chair & Secretariat',
          time: '10:05-10:15',
        },
        { title: 'Appendices' },
      ],
    }),
    step('recordMeetingDocument', { number, reference: 'MHHS-DEL3283', version: 'Version 1.0', classification: 'Public' }),
    step('recordMeetingNextSteps', { number, nextSteps: ['Secretariat to confirm actions and decisions from meeting'] }),
    step('recordForwardPlan', { number, activities: ['SCR Update'], agendaItems: ['M7 Updates'], standingItems: ['Next steps'] }),
    step('holdMeeting', { number, heldOn: '28/11/2024' }),
    step('correctMeeting', { number, fields: { heldOn: '27/11/2024' }, reason: 'held a day earlier' }),
  ];
}

export function workstreamReportPlan(meeting: number, workstream: string): Step[] {
  const key = { meeting, workstream };
  return [
    step('submitWorkstreamReport', {
      ...key,
      rag: 'green',
      overallStatus: ['On track to deliver BSC Code artifacts by M8'],
      monthlySummary: ['Gathered final Panel views on 6 November'],
      nextMonthDeliverables: ['To continue to develop and agree changes needed for M8'],
    }),
    step('reportWorkstreamStatus', { ...key, rag: 'Amber' }),
    step('reviseWorkstreamReport', { ...key, monthlySummary: ['Gathered final Panel views on 6 November', 'Agreed redlining changes'] }),
    step('correctWorkstreamReport', { ...key, fields: { rag: 'Green' }, reason: 'reported Green' }),
  ];
}

export function riskThemePlan(theme: string): Step[] {
  return [
    step('raiseRiskTheme', {
      theme,
      summary: 'The main risk to Code delivery is late changes',
      mitigationApproach: ['Monitoring triggers to Design and Code change'],
      raisedOn: '16/10/2024',
    }),
    step('reviseRiskTheme', { key: theme, mitigationApproach: ['Monitoring triggers', 'Front load SCR processes'] }),
    step('correctRiskTheme', { key: theme, fields: { summary: 'The main risk to Code delivery is late change' }, reason: 'wording' }),
    step('retireRiskTheme', { key: theme, on: '22/01/2025' }),
  ];
}

/** Every mutation in an order in which each succeeds; relate steps relate `related`, raised first. */
export function everyMutationPlan(related = 'cp:DCUSA:DCP444'): Step[] {
  return [
    changeProposalPlan('DCUSA', 'DCP444', related)[0]!,
    ...changeProposalPlan('REC', 'R0209', related),
    ...milestonePlan('REC-M8', '3707', related),
    ...riskPlan('R920', related),
    ...actionPlan('CCAG35-01', related),
    ...meetingPlan(36),
    ...workstreamReportPlan(36, 'BSC-M8'),
    ...riskThemePlan('Top risks to the Code Workstream'),
  ];
}
