import type { ApiHarness } from './api-harness.ts';

/**
 * The register between CCAG #35 and #36, much as the #36 pack tells it:
 * before #35: three CPs (P478, R0209 related to P478 and DCP445, DCP445), milestone 3707
 * under REC and BSC plus the programme's T2-RE-0600, risks R920 (20) and R921 (28),
 * actions CCAG35-01 (Claire Silk, due 27/11/24) and CCAG35-02; #35 held on 30/10/24.
 * Between #35 and #36: R920 assessed down to 10 (and its description corrected), P478's
 * decision date moved to Q1 2025, R0210 raised, REC's 3707 forecast moved, CCAG35-02
 * closed; #36 held on 27/11/24.
 */
export async function buildCcag35To36(api: ApiHarness): Promise<void> {
  const cp = (codeBody: string, ref: string, extra: Record<string, unknown>) =>
    api.mutate('raiseChangeProposal', {
      codeBody,
      ref,
      title: `${ref} title`,
      summary: `${ref} summary`,
      raisedOn: '02/08/2024',
      decisionDate: 'December 2024',
      mhhsImpact: 'Of interest',
      ...extra,
    });
  await cp('BSC', 'P478', { status: 'Under Development', mhhsImpact: 'Direct impact', title: 'MHHS implementation' });
  await cp('DCUSA', 'DCP445', { status: 'Voting', mhhsImpact: 'Depends on the solution' });
  await cp('REC', 'R0209', { relatedChangeProposals: ['cp:BSC:P478', 'cp:DCUSA:DCP445'], title: 'REC changes for MHHS' });

  await api.mutate('baselineMilestone', {
    workstream: 'REC-M8',
    ref: '3707',
    description: 'REC code changes live',
    baselineDate: '09/10/24',
  });
  await api.mutate('baselineMilestone', {
    workstream: 'BSC-M8',
    ref: '3707',
    description: 'BSC code changes live',
    baselineDate: '13/10/24',
    status: 'Amber',
    relatedChangeProposals: ['cp:BSC:P478'],
  });
  await api.mutate('baselineMilestone', {
    workstream: 'PROGRAMME',
    ref: 'T2-RE-0600',
    description: 'Programme code baseline',
    baselineDate: 'Q1 2025',
  });

  await api.mutate('raiseRisk', {
    riskId: 'R920',
    description: 'Code changes are late for M8',
    score: 20,
    mitigationPlan: ['Track at CCAG'],
    raisedOn: '02/08/2024',
    relatedChangeProposals: ['cp:BSC:P478'],
  });
  await api.mutate('raiseRisk', {
    riskId: 'R921',
    description: 'Qualification slips',
    score: 28,
    mitigationPlan: [],
    raisedOn: '02/08/2024',
  });

  await api.mutate('raiseAction', {
    ref: 'CCAG35-01',
    raisedOn: '30/10/2024',
    text: 'Circulate the tracker',
    owner: { party: 'Programme', person: 'Claire Silk' },
    dueDate: '27/11/2024',
    relatedChangeProposals: ['cp:REC:R0209'],
  });
  await api.mutate('raiseAction', {
    ref: 'CCAG35-02',
    raisedOn: '30/10/2024',
    text: 'Confirm release dates',
    owner: { party: 'Code Bodies' },
  });

  await api.mutate('holdMeeting', { number: 35, heldOn: '30/10/2024' });

  await api.mutate('assessRiskScore', { riskId: 'R920', score: 10 });
  await api.mutate('correctRisk', {
    riskId: 'R920',
    fields: { description: 'Code changes are late for M8 (REC, BSC)' },
    reason: 'parties were missing',
  });
  await api.mutate('setDecisionDate', { codeBody: 'BSC', ref: 'P478', decisionDate: 'Q1 2025' });
  await cp('REC', 'R0210', { raisedOn: '20/11/2024' });
  await api.mutate('forecastMilestone', { workstream: 'REC-M8', key: '3707', forecastDate: 'December 2024' });
  await api.mutate('closeAction', { ref: 'CCAG35-02', update: 'Dates confirmed' });

  await api.mutate('holdMeeting', { number: 36, heldOn: '27/11/2024' });
}
