import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, startApiHarness, type ApiHarness, type GraphQLReply } from '../support/api-harness.ts';
import { mutationDocument, queries } from '../support/api-documents.ts';

/*
 * The pack's own content over GraphQL: a meeting's agenda table, cover, next steps and
 * forward plan, workstream reports, risk themes and display orders. Bad input names each
 * bad field and writes nothing; an editor may not keep the secretariat's content; the
 * register at CCAG #35 and at #36 each show what they held then.
 */

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness();
});
afterAll(async () => {
  await api.close();
});

const fieldsOf = (reply: GraphQLReply) =>
  (reply.errors?.[0]?.extensions?.['fields'] as { path: string }[] | undefined)?.map((f) => f.path).sort();
const head = async () => (await api.write(queries.readModelStatus)).readModelStatus.head as string;

describe('bad input names each bad field and writes nothing', () => {
  it.each([
    [
      'planMeetingAgenda',
      {
        number: 0,
        agendaItems: [
          { title: ' ', type: 'Approval', time: '10:15-10:05' },
          { title: 'Welcome', time: '10:00-10:05 10 mins' },
          // A form feed the slot's reader would take for a space.
          { title: 'Minutes', time: '10:05-10:15\f 10 mins' },
        ],
      },
      [
        'input.agendaItems.0.time',
        'input.agendaItems.0.title',
        'input.agendaItems.0.type',
        'input.agendaItems.1.time',
        'input.agendaItems.2.time',
        'input.number',
      ],
    ],
    [
      'recordMeetingDocument',
      { number: 36, reference: '', version: 'Version ', classification: '\u0007' },
      ['input.classification', 'input.reference', 'input.version'],
    ],
    ['recordMeetingNextSteps', { number: -1, nextSteps: ['Secretariat to confirm actions', ' '] }, ['input.nextSteps.1', 'input.number']],
    [
      'recordForwardPlan',
      { number: 36, activities: [''], standingItems: ['ok', '\u0000'] },
      ['input.activities.0', 'input.standingItems.1'],
    ],
    [
      'submitWorkstreamReport',
      { meeting: 36, workstream: 'REC-M9', rag: 'Purple', overallStatus: [''], monthlySummary: [], nextMonthDeliverables: [] },
      ['input.overallStatus.0', 'input.rag', 'input.workstream'],
    ],
    [
      'raiseRiskTheme',
      { theme: '—', summary: '', mitigationApproach: [], raisedOn: '31/02/2024' },
      ['input.raisedOn', 'input.summary', 'input.theme'],
    ],
    ['setMilestoneDisplayOrder', { workstream: 'REC-M8', key: '3707', displayOrder: 0 }, ['input.displayOrder']],
    ['setChangeProposalDisplayOrder', { codeBody: 'NOPE', ref: 'R0209', displayOrder: -2 }, ['input.codeBody', 'input.displayOrder']],
  ])('%s', async (mutation, input, paths) => {
    const before = await head();
    const reply = await api.gql(mutationDocument(mutation), { input });
    expect(codesOf(reply), mutation).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(reply), mutation).toEqual(paths);
    expect(await head()).toBe(before);
  });
});

describe("the secretariat's content", () => {
  it('an editor may not submit even its own workstream report, nor raise a risk theme', async () => {
    const before = await head();
    const report = await api.gql(
      mutationDocument('submitWorkstreamReport'),
      { input: { meeting: 36, workstream: 'REC-M8', rag: 'Green', overallStatus: [], monthlySummary: [], nextMonthDeliverables: [] } },
      'recEditor',
    );
    expect(codesOf(report)).toEqual(['FORBIDDEN']);
    expect(report.errors![0]!.message).toMatch(/only the secretariat may change workstream reports/);
    const theme = await api.gql(
      mutationDocument('raiseRiskTheme'),
      { input: { theme: 'Late changes', summary: 's', mitigationApproach: [], raisedOn: '2024-10-16' } },
      'recEditor',
    );
    expect(codesOf(theme)).toEqual(['FORBIDDEN']);
    const cover = await api.gql(
      mutationDocument('recordMeetingDocument'),
      { input: { number: 36, reference: 'MHHS-DEL3283', version: '1.0', classification: 'Public' } },
      'recEditor',
    );
    expect(codesOf(cover)).toEqual(['FORBIDDEN']);
    expect(await head()).toBe(before);
  });
});

describe('at CCAG #35 and at CCAG #36', () => {
  const cp = { codeBody: 'REC', ref: 'R0209' };
  beforeAll(async () => {
    await api.mutate('scheduleMeeting', { number: 35, date: '23/10/2024' });
    await api.mutate('scheduleMeeting', { number: 36, date: '27/11/2024', agenda: ['M7 Updates', 'M8 Updates'] });
    await api.mutate('raiseChangeProposal', {
      ...cp,
      title: 'Implementation of MHHS Arrangements',
      summary: 'The main SCR CP for the REC',
      raisedOn: '02/08/2024',
      mhhsImpact: 'Direct impact',
    });
    await api.mutate('setChangeProposalDisplayOrder', { ...cp, displayOrder: 4 });
    await api.mutate('raiseRiskTheme', {
      theme: 'Top risks to the Code Workstream',
      summary: 'The main risk to Code delivery is late changes',
      mitigationApproach: ['Monitoring triggers to Design and Code change'],
      raisedOn: '16/10/2024',
    });
    await api.mutate('holdMeeting', { number: 35, heldOn: '23/10/2024' });

    await api.mutate('planMeetingAgenda', {
      number: 36,
      agendaItems: [
        { title: 'Welcome', lead: 'Chair', time: '10:00-10:05 5 mins' },
        { title: 'Horizon Scanning Log', type: 'discussion', lead: 'Programme & Code Bodies', time: '10:15-10:35' },
      ],
    });
    await api.mutate('recordMeetingDocument', { number: 36, reference: 'MHHS-DEL3283', version: '1.0', classification: 'Public' });
    await api.mutate('recordMeetingNextSteps', { number: 36, nextSteps: ['Secretariat to confirm actions and decisions from meeting'] });
    await api.mutate('recordForwardPlan', { number: 36, activities: ['SCR Update'], agendaItems: ['M7 Updates'] });
    await api.mutate('submitWorkstreamReport', {
      meeting: 36,
      workstream: 'BSC-M8',
      rag: 'Green',
      overallStatus: ['On track to deliver BSC Code artifacts by M8'],
      monthlySummary: ['Gathered final Panel views on 6 November'],
      nextMonthDeliverables: ['To continue to develop and agree changes needed for M8'],
    });
    await api.mutate('reviseRiskTheme', { key: 'Top risks to the Code Workstream', mitigationApproach: ['Front load SCR processes'] });
    await api.mutate('setChangeProposalDisplayOrder', { ...cp, displayOrder: 1 });
    await api.mutate('holdMeeting', { number: 36, heldOn: '27/11/2024' });
  });

  it("meeting 36's agenda, cover, next steps and forward plan as each meeting's pack froze them", async () => {
    const at35 = (await api.write(queries.meetingsAt, { at: { meeting: 35 } })).meetings.find((m: { number: number }) => m.number === 36);
    expect(at35).toMatchObject({ agenda: ['M7 Updates', 'M8 Updates'], document: null, nextSteps: [], forwardPlan: null });
    expect(at35.agendaItems[0]).toEqual({ title: 'M7 Updates', objective: null, type: null, lead: null, time: null });
    const at36 = (await api.write(queries.meetingsAt, { at: { meeting: 36 } })).meetings.find((m: { number: number }) => m.number === 36);
    expect(at36).toMatchObject({
      agenda: ['Welcome', 'Horizon Scanning Log'],
      agendaItems: [
        { title: 'Welcome', lead: 'Chair', type: null, time: { start: '10:00', end: '10:05', minutes: 5, text: '10:00-10:05 5 mins' } },
        { title: 'Horizon Scanning Log', type: 'Discussion', time: { minutes: 20, text: '10:15-10:35 20 mins' } },
      ],
      document: { reference: 'MHHS-DEL3283', version: '1.0', classification: 'Public' },
      nextSteps: ['Secretariat to confirm actions and decisions from meeting'],
      forwardPlan: { activities: ['SCR Update'], agendaItems: ['M7 Updates'], standingItems: [] },
    });
  });

  it('workstream reports, risk themes and display orders as they stood at each meeting', async () => {
    expect((await api.write(queries.workstreamReports, { at: { meeting: 35 } })).workstreamReports).toEqual([]);
    const reports = (await api.write(queries.workstreamReports, { at: { meeting: 36 }, filter: { rags: ['green'], meetings: [36] } }))
      .workstreamReports;
    expect(reports).toMatchObject([{ id: 'workstream-report:36:BSC-M8', ref: 'BSC-M8 #36', rag: 'Green' }]);
    const byRef = (await api.write(queries.workstreamReport, { id: 'BSC-M8 #36' })).workstreamReport;
    expect(byRef.id).toBe('workstream-report:36:BSC-M8');

    const themeAt = async (meeting: number) =>
      (await api.write(queries.riskTheme, { id: 'top-risks-to-the-code-workstream', at: { meeting } })).riskTheme.mitigationApproach;
    expect(await themeAt(35)).toEqual(['Monitoring triggers to Design and Code change']);
    expect(await themeAt(36)).toEqual(['Front load SCR processes']);

    const orderAt = async (meeting: number) =>
      (await api.write(queries.changeProposal, { id: 'R0209', at: { meeting } })).changeProposal.displayOrder;
    expect([await orderAt(35), await orderAt(36)]).toEqual([4, 1]);
  });

  it('movement from #35 to #36 in the pack words, item by item', async () => {
    const movement = (await api.write(queries.movement, { from: { meeting: 35 }, to: { meeting: 36 } })).movement;
    const summaryOf = (list: { ref: string; summary: string[] }[], ref: string) => list.find((m) => m.ref === ref)?.summary;
    // The pack is frozen just before the hold: #36 is not yet held at its own boundary.
    expect(summaryOf(movement.meetings, 'CCAG #36')).toEqual([
      'Agenda planned',
      'Document MHHS-DEL3283 version 1.0 (Public) recorded',
      'Next steps recorded',
      'Forward plan recorded',
    ]);
    expect(movement.workstreamReports).toMatchObject([{ ref: 'BSC-M8 #36', change: 'NEW', summary: ['Reported Green'] }]);
    expect(movement.riskThemes).toMatchObject([
      { ref: 'top-risks-to-the-code-workstream', change: 'CHANGED', summary: ['Mitigation approach revised'] },
    ]);
    expect(summaryOf(movement.horizonScanning.existing, 'R0209')).toEqual(['Display order moved from 4 to 1']);
  });
});
