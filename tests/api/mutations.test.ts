import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { comparePositions, parsePosition } from '../../services/core/position.ts';
import { codesOf, principalOf, startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { mutationDocument, mutationShape, mutationShapes, queries, type ResultField } from '../support/api-documents.ts';
import { changeProposalPlan, everyMutationPlan, riskPlan, type Step } from '../support/api-plans.ts';

/** What each mutation's returned item shows, given the plans' inputs (text dates already read). */
const expectedAfter: Record<string, Record<string, unknown>> = {
  raiseChangeProposal: {
    version: 1,
    status: 'New',
    raisedOn: '2024-08-02',
    decisionDate: { text: 'December 2024', iso: '2024-12', sortKey: '2024-12-01', value: { kind: 'month', year: 2024, month: 12 } },
    keyDates: [{ event: 'Industry Consultation (15WDs)', date: { iso: '2024-11-25..2024-12-12', sortKey: '2024-11-25' } }],
    stakeholderPositions: 'Supported by suppliers',
    mhhsImpact: 'Direct impact',
    release: null,
    withdrawal: null,
    lastChange: { eventType: 'ChangeProposalRaised', actor: principalOf('secretariat') },
  },
  editChangeProposal: { version: 2, title: 'Amendments to support MHHS qualification and migration' },
  changeChangeProposalStatus: { status: 'Under Development' },
  setDecisionDate: { decisionDate: { text: '11/12/24', iso: '2024-12-11', sortKey: '2024-12-11' } },
  addChangeProposalUpdate: { updates: [{ on: '2024-11-20', text: 'Party impact assessment has been published' }] },
  setKeyDates: { keyDates: [{ event: 'Decision published', date: { iso: '2025-01-06' } }] },
  assignChangeProposalToRelease: { release: 'REC 08 November 2024' },
  correctChangeProposal: { summary: 'Aligns the code with the MHHS design' },
  withdrawChangeProposal: { status: 'Withdrawn', withdrawal: { on: '2024-11-27', statement: 'Withdrawn by the proposer' } },
  reinstateChangeProposal: { status: 'Under Development', version: 11 },
  setChangeProposalDisplayOrder: { displayOrder: 2, version: 12, lastChange: { eventType: 'ChangeProposalDisplayOrderSet' } },

  baselineMilestone: {
    version: 1,
    status: 'Green',
    baselineDate: { text: '09/10/24', iso: '2024-10-09' },
    forecastDate: { text: 'Sun 13/10/24 for BSC; Wed 09/10/24 for REC', sortKey: '2024-10-09', value: { kind: 'perParty' } },
    rebaselines: [],
  },
  rebaselineMilestone: {
    baselineDate: { text: 'Q1 2025', iso: '2025-Q1' },
    rebaselines: [{ from: { iso: '2024-10-09' }, to: { iso: '2025-Q1' }, reason: 'Ofgem moved the decision' }],
  },
  forecastMilestone: { forecastDate: { text: 'December 2024', iso: '2024-12' } },
  reportMilestoneStatus: { status: 'Amber' },
  editMilestoneDescription: { description: 'Code changes for M8 delivered and live' },
  correctMilestone: { description: 'Code changes for M8 delivered, live' },
  completeMilestone: { status: 'Complete', completedOn: '2024-11-14', version: 8 },
  setMilestoneDisplayOrder: { displayOrder: 5, status: 'Complete', version: 9 },

  raiseRisk: { version: 1, ref: 'R920', score: 20, band: 'Medium', status: 'Open', raisedOn: '2024-08-02', closedOn: null },
  assessRiskScore: { score: 10, band: 'Low', lastChange: { eventType: 'RiskScoreAssessed' } },
  reviseRiskMitigation: { mitigationPlan: ['Track code changes at CCAG'] },
  editRiskDescription: { description: 'Code changes are not approved in time' },
  correctRisk: { raisedOn: '2024-08-01' },
  closeRisk: { status: 'Closed', closedOn: '2024-11-27' },
  reopenRisk: { status: 'Open', closedOn: null, score: 10, version: 8 },

  raiseAction: {
    version: 1,
    meeting: 35,
    raisedOn: '2024-10-02',
    dueDate: '2024-11-27',
    status: 'Open',
    owner: { party: 'Programme', person: 'Claire Silk', text: 'Programme (Claire Silk)' },
  },
  updateAction: { update: 'Tracker drafted' },
  changeActionDueDate: { dueDate: '2024-12-11' },
  reassignAction: { owner: { party: 'Code Bodies', person: null, text: 'Code Bodies' } },
  correctAction: { text: 'Circulate the code change tracker to CCAG' },
  recommendActionClosed: { status: 'Recommended closed', update: 'RECOMMENDED CLOSED: tracker circulated', overdue: false },
  closeAction: { status: 'Closed' },
  reopenAction: { status: 'Open', update: 'Reopened: tracker out of date', version: 9 },

  scheduleMeeting: { version: 1, number: 36, date: '2024-11-27', status: 'Scheduled', agenda: ['Horizon scanning'] },
  rescheduleMeeting: { date: '2024-11-28' },
  planMeetingAgenda: {
    agenda: ['Welcome', 'Minutes and Actions', 'Appendices'],
    agendaItems: [
      {
        title: 'Welcome',
        objective: null,
        type: null,
        lead: 'Chair',
        time: { start: '10:00', end: '10:05', minutes: 5, text: '10:00-10:05 5 mins' },
      },
      {
        title: 'Minutes and Actions',
        objective: 'Approve minutes of previous meeting and review outstanding actions',
        type: 'Decision',
        lead: 'Chair & Secretariat',
        time: { start: '10:05', end: '10:15', minutes: 10, text: '10:05-10:15 10 mins' },
      },
      { title: 'Appendices', objective: null, type: null, lead: null, time: null },
    ],
  },
  recordMeetingDocument: { document: { reference: 'MHHS-DEL3283', version: '1.0', classification: 'Public' } },
  recordMeetingNextSteps: { nextSteps: ['Secretariat to confirm actions and decisions from meeting'] },
  recordForwardPlan: { forwardPlan: { activities: ['SCR Update'], agendaItems: ['M7 Updates'], standingItems: ['Next steps'] } },
  holdMeeting: { status: 'Held', heldOn: '2024-11-28', digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
  correctMeeting: { heldOn: '2024-11-27', status: 'Held' },

  submitWorkstreamReport: { version: 1, id: 'workstream-report:36:BSC-M8', ref: 'BSC-M8 #36', meeting: 36, rag: 'Green' },
  reportWorkstreamStatus: { rag: 'Amber', lastChange: { eventType: 'WorkstreamStatusReported' } },
  reviseWorkstreamReport: { monthlySummary: ['Gathered final Panel views on 6 November', 'Agreed redlining changes'] },
  correctWorkstreamReport: { rag: 'Green', version: 4 },

  raiseRiskTheme: { version: 1, id: 'risk-theme:top-risks-to-the-code-workstream', status: 'Open', raisedOn: '2024-10-16' },
  reviseRiskTheme: { mitigationApproach: ['Monitoring triggers', 'Front load SCR processes'] },
  correctRiskTheme: { summary: 'The main risk to Code delivery is late change' },
  retireRiskTheme: { status: 'Retired', retiredOn: '2025-01-22' },
};

/** Every relate step relates this CP, raised first. */
const related = 'cp:DCUSA:DCP444';
const relatedOf = new Set(['relateChangeProposal', 'relateMilestone', 'relateRisk', 'relateAction']);

const singleQuery: Record<ResultField, keyof typeof queries> = {
  changeProposal: 'changeProposal',
  milestone: 'milestone',
  risk: 'risk',
  action: 'action',
  meeting: 'meetings',
  workstreamReport: 'workstreamReport',
  riskTheme: 'riskTheme',
};

const plans: Step[] = everyMutationPlan(related);

const position = (text: string) => {
  const parsed = parsePosition(text);
  if (!parsed) throw new Error(`${text} is not a position`);
  return parsed;
};

let api: ApiHarness;
beforeEach(async () => {
  api = await startApiHarness();
});
afterEach(async () => {
  await api.close();
});

describe('every mutation through GraphQL', () => {
  it('the plans cover every mutation in the schema', () => {
    expect(new Set(plans.map((s) => s.mutation))).toEqual(new Set(mutationShapes.map((m) => m.name)));
  });

  it('each mutation reads text dates, writes, and answers with the item a query then shows (read-your-writes)', async () => {
    for (const { mutation, input } of plans) {
      const { resultField } = mutationShape(mutation);
      const data = await api.write(mutationDocument(mutation), { input });
      const result = data[mutation];
      expect(result, mutation).toMatchObject({ changed: true, replayed: false });
      const item = result[resultField];
      expect(item.version, mutation).toBe(result.version);
      if (expectedAfter[mutation]) expect(item, mutation).toMatchObject(expectedAfter[mutation]);
      if (relatedOf.has(mutation)) {
        expect(item.relatedChangeProposals, mutation).toEqual([expect.objectContaining({ id: related, ref: 'DCP444', version: 1 })]);
      }
      expect(item.lastChange.position, mutation).toBe(result.position);

      // Read-your-writes: a query issued right after shows exactly what the mutation returned.
      const read =
        resultField === 'meeting'
          ? ((await api.write(queries.meetings)).meetings as { id: string }[]).find((m) => m.id === item.id)
          : (await api.write(queries[singleQuery[resultField]], { id: item.id }))[resultField];
      expect(read, mutation).toEqual(item);
      const status = (await api.write(queries.readModelStatus)).readModelStatus;
      expect(comparePositions(position(result.position), position(status.checkpoint)), mutation).toBeLessThanOrEqual(0);
    }
    // About 70 mutations, each followed by two reads: on the EventStoreDB stand-in of a busy CI machine this takes its time.
  }, 120_000);

  it('a command that changes nothing writes nothing and says so', async () => {
    for (const step of riskPlan('R920', 'cp:BSC:P478').slice(0, 2)) await api.write(mutationDocument(step.mutation), { input: step.input });
    const before = (await api.write(queries.events, { first: 1000 })).events.events.length;
    const again = (await api.write(mutationDocument('assessRiskScore'), { input: { riskId: 'R920', score: 10 } })).assessRiskScore;
    expect(again).toMatchObject({ changed: false, replayed: false, version: 2, risk: { score: 10 } });
    expect((await api.write(queries.events, { first: 1000 })).events.events).toHaveLength(before);
  });

  it('records the reason and effective time given in options, and the caller as actor', async () => {
    const [raise] = riskPlan('R920', 'cp:BSC:P478');
    await api.write(mutationDocument('raiseRisk'), {
      input: raise!.input,
      options: { reason: 'raised at CCAG #35', effectiveAt: '2024-10-02T10:00:00Z' },
    });
    const [event] = (await api.write(queries.history, { id: 'risk:R920' })).history;
    expect(event).toMatchObject({
      type: 'RiskRaised',
      reason: 'raised at CCAG #35',
      effectiveAt: '2024-10-02T10:00:00.000Z',
      actor: principalOf('secretariat'),
    });
  });
});

describe('concurrency and retries', () => {
  const raise = changeProposalPlan('REC', 'R0209', 'cp:BSC:P478')[0]!;

  it('two concurrent edits from the same version: exactly one wins, the other gets CONFLICT', async () => {
    await api.write(mutationDocument('raiseChangeProposal'), { input: raise.input });
    const edit = (title: string) =>
      api.gql(mutationDocument('editChangeProposal'), {
        input: { codeBody: 'REC', ref: 'R0209', title },
        options: { expectedVersion: 1 },
      });
    const replies = await Promise.all([edit('First title'), edit('Second title')]);

    const winners = replies.filter((r) => !r.errors);
    const losers = replies.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(codesOf(losers[0]!)).toEqual(['CONFLICT']);
    expect(losers[0]!.errors![0]!.extensions).toMatchObject({ expectedVersion: 1, actualVersion: 2 });

    const now = (await api.write(queries.changeProposal, { id: 'cp:REC:R0209' })).changeProposal;
    expect(now.version).toBe(2);
    expect(now.title).toBe(winners[0]!.data!['editChangeProposal'].changeProposal.title);
  });

  it('a retry with the same idempotency key returns the first result and writes nothing new', async () => {
    const options = { idempotencyKey: 'raise-R0209-2024-11-27' };
    const first = (await api.write(mutationDocument('raiseChangeProposal'), { input: raise.input, options })).raiseChangeProposal;
    const eventsAfterFirst = (await api.write(queries.events, { first: 1000 })).events.events;

    const retry = (await api.write(mutationDocument('raiseChangeProposal'), { input: raise.input, options })).raiseChangeProposal;
    expect(retry).toMatchObject({ version: first.version, position: first.position, replayed: true, changed: false });
    expect(retry.changeProposal).toEqual(first.changeProposal);
    expect((await api.write(queries.events, { first: 1000 })).events.events).toEqual(eventsAfterFirst);
  });

  it('re-using an idempotency key for a different command is a CONFLICT', async () => {
    const options = { idempotencyKey: 'one-key' };
    await api.write(mutationDocument('raiseChangeProposal'), { input: raise.input, options });
    await api.write(mutationDocument('editChangeProposal'), {
      input: { codeBody: 'REC', ref: 'R0209', title: 'A' },
      options: { idempotencyKey: 'edit-1' },
    });
    const reused = await api.gql(mutationDocument('editChangeProposal'), {
      input: { codeBody: 'REC', ref: 'R0209', title: 'B' },
      options: { idempotencyKey: 'edit-1' },
    });
    expect(codesOf(reused)).toEqual(['CONFLICT']);
    expect(reused.errors![0]!.extensions).toMatchObject({ idempotencyKey: 'edit-1' });
  });
});
