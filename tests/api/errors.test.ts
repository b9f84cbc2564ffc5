import { afterEach, describe, expect, it } from 'vitest';
import { codesOf, startApiHarness, type ApiHarness, type HarnessOptions } from '../support/api-harness.ts';
import { mutationDocument, queries } from '../support/api-documents.ts';
import { changeProposalPlan, milestonePlan, riskPlan } from '../support/api-plans.ts';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(options: HarnessOptions = {}): Promise<ApiHarness> {
  api = await startApiHarness(options);
  return api;
}

const raiseR0209 = changeProposalPlan('REC', 'R0209', 'cp:BSC:P478')[0]!;
const raiseP478 = changeProposalPlan('BSC', 'P478', 'cp:REC:R0209')[0]!;
const baselineBsc = milestonePlan('BSC-M8', '4088', 'cp:BSC:P478')[0]!;
const raiseR920 = riskPlan('R920', 'cp:REC:R0209')[0]!;

/** The whole log and one item's history: what "nothing was written" is checked against. */
async function logState(api: ApiHarness) {
  const events = (await api.write(queries.events, { first: 1000 })).events;
  const history = (await api.write(queries.history, { id: 'cp:REC:R0209' })).history;
  return { events, history };
}

describe('BAD_USER_INPUT', () => {
  it('names every bad field by its path at once, and writes nothing', async () => {
    const api = await start();
    await api.write(mutationDocument('raiseChangeProposal'), { input: raiseR0209.input });
    const before = await logState(api);

    const reply = await api.gql(mutationDocument('setKeyDates'), {
      input: {
        codeBody: 'REC',
        ref: 'R0209',
        keyDates: [
          { event: 'Industry Consultation', date: 'next spring' },
          { event: '  ', date: '25/11/24-12/12/24' },
        ],
      },
    });
    expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
    const paths = (reply.errors![0]!.extensions!['fields'] as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['input.keyDates.0.date', 'input.keyDates.1.event']));

    const raise = await api.gql(mutationDocument('raiseChangeProposal'), {
      input: {
        ...raiseR0209.input,
        ref: 'P478',
        raisedOn: '31/02/2024',
        decisionDate: 'some time next year',
        mhhsImpact: '',
        status: 'Pending',
      },
    });
    expect(codesOf(raise)).toEqual(['BAD_USER_INPUT']);
    const fields = raise.errors![0]!.extensions!['fields'] as { path: string; message: string }[];
    expect(fields.map((f) => f.path).sort()).toEqual(
      ['input.decisionDate', 'input.mhhsImpact', 'input.raisedOn', 'input.ref', 'input.status'].sort(),
    );
    expect(fields.find((f) => f.path === 'input.ref')!.message).toMatch(/not a REC reference/);

    expect(await logState(api)).toEqual(before);
  });

  it('reports bad options and a badly formed point by path', async () => {
    const api = await start();
    await api.write(mutationDocument('raiseChangeProposal'), { input: raiseR0209.input });
    const reply = await api.gql(mutationDocument('editChangeProposal'), {
      input: { codeBody: 'REC', ref: 'R0209', title: ' ' },
      options: { expectedVersion: -1, effectiveAt: 'yesterday' },
    });
    expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
    const paths = (reply.errors![0]!.extensions!['fields'] as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(['input.title', 'options.expectedVersion', 'options.effectiveAt']);

    const future = await api.gql(mutationDocument('editChangeProposal'), {
      input: { codeBody: 'REC', ref: 'R0209', title: 'New' },
      options: { effectiveAt: '2030-01-01T00:00:00Z' },
    });
    expect(future.errors![0]!.extensions!['fields']).toEqual([{ path: 'options.effectiveAt', message: 'cannot be in the future' }]);
    expect((await api.write(queries.history, { id: 'cp:REC:R0209' })).history).toHaveLength(1);

    const twoPoints = await api.gql(queries.changeProposals, { at: { meeting: 35, position: '1' } }, 'reader');
    expect(codesOf(twoPoints)).toEqual(['BAD_USER_INPUT']);
    expect(twoPoints.errors![0]!.extensions!['fields']).toEqual([expect.objectContaining({ path: 'at' })]);

    const head = (await api.write(queries.readModelStatus, {}, 'reader')).readModelStatus.head;
    const backwards = await api.gql(queries.movement, { from: { position: head }, to: { time: '2020-01-01T00:00:00Z' } }, 'reader');
    expect(codesOf(backwards)).toEqual(['BAD_USER_INPUT']);
    expect(backwards.errors![0]!.extensions!['fields']).toEqual([expect.objectContaining({ path: 'from' })]);

    const badTime = await api.gql(queries.point, { at: { time: 'last Tuesday' } }, 'reader');
    expect(codesOf(badTime)).toEqual(['BAD_USER_INPUT']);
    expect(badTime.errors![0]!.extensions!['fields']).toEqual([expect.objectContaining({ path: 'at.time' })]);
  });
});

describe('CONFLICT, NOT_FOUND, INVALID_TRANSITION', () => {
  it('CONFLICT carries the expected and the actual version', async () => {
    const api = await start();
    await api.write(mutationDocument('raiseChangeProposal'), { input: raiseR0209.input });
    await api.write(mutationDocument('editChangeProposal'), { input: { codeBody: 'REC', ref: 'R0209', title: 'Second' } });
    const before = await logState(api);
    const reply = await api.gql(mutationDocument('editChangeProposal'), {
      input: { codeBody: 'REC', ref: 'R0209', title: 'Third' },
      options: { expectedVersion: 1 },
    });
    expect(codesOf(reply)).toEqual(['CONFLICT']);
    expect(reply.errors![0]!.extensions).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    expect(await logState(api)).toEqual(before);

    const raisedAgain = await api.gql(mutationDocument('raiseChangeProposal'), {
      input: { ...raiseP478.input },
      options: { expectedVersion: 3 },
    });
    expect(codesOf(raisedAgain)).toEqual(['CONFLICT']);
    expect(raisedAgain.errors![0]!.extensions).toMatchObject({ expectedVersion: 3, actualVersion: 0 });
  });

  it('NOT_FOUND for an item that does not exist, a history of nothing, an unheld meeting', async () => {
    const api = await start();
    const edit = await api.gql(mutationDocument('editChangeProposal'), { input: { codeBody: 'REC', ref: 'R0999', title: 'x' } });
    expect(codesOf(edit)).toEqual(['NOT_FOUND']);
    expect(edit.errors![0]!.extensions).toMatchObject({ id: 'cp:REC:R0999' });

    expect(codesOf(await api.gql(queries.history, { id: 'risk:R1' }, 'reader'))).toEqual(['NOT_FOUND']);
    expect(codesOf(await api.gql(queries.risks, { at: { meeting: 99 } }, 'reader'))).toEqual(['NOT_FOUND']);
    // A single-item query answers null for an item that did not exist: that is not an error.
    expect(await api.gql(queries.risk, { id: 'risk:R1' }, 'reader')).toMatchObject({ data: { risk: null }, errors: undefined });
  });

  it('INVALID_TRANSITION for a command the item cannot take in its state', async () => {
    const api = await start();
    await api.write(mutationDocument('raiseRisk'), { input: raiseR920.input });
    const reply = await api.gql(mutationDocument('reopenRisk'), { input: { riskId: 'R920' } });
    expect(codesOf(reply)).toEqual(['INVALID_TRANSITION']);
    expect(reply.errors![0]!.message).toMatch(/not closed/);
    expect(reply.errors![0]!.path).toEqual(['reopenRisk']);
  });
});

describe('UNAUTHENTICATED and FORBIDDEN', () => {
  it('UNAUTHENTICATED: a write without a token; any request with an unknown token', async () => {
    const api = await start();
    const anonymous = await api.gql(mutationDocument('raiseRisk'), { input: raiseR920.input }, 'anonymous');
    expect(codesOf(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await api.gql(mutationDocument('raiseRisk'), { input: raiseR920.input }, 'badToken'))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await api.gql(queries.risks, {}, 'badToken'))).toEqual(['UNAUTHENTICATED']);

    const malformed = await api.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/json' },
      payload: { query: queries.vocabulary },
    });
    expect(malformed.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');

    // Who may not write at all is told so before anything about the input.
    const badInput = { ...raiseR920.input, score: 99, raisedOn: 'someday' };
    expect(codesOf(await api.gql(mutationDocument('raiseRisk'), { input: badInput }, 'anonymous'))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await api.gql(mutationDocument('raiseRisk'), { input: badInput }, 'reader'))).toEqual(['FORBIDDEN']);
    const badDate = { ...raiseR0209.input, decisionDate: 'someday' };
    expect(codesOf(await api.gql(mutationDocument('raiseChangeProposal'), { input: badDate }, 'anonymous'))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await api.gql(mutationDocument('raiseChangeProposal'), { input: badDate }, 'auditor'))).toEqual(['FORBIDDEN']);
    expect((await api.write(queries.events)).events.events).toEqual([]);
  });

  it('FORBIDDEN: a reader writes; REC editor changes a BSC CP or milestone; an editor changes a risk', async () => {
    const api = await start();
    await api.write(mutationDocument('raiseChangeProposal'), { input: raiseP478.input });
    await api.write(mutationDocument('baselineMilestone'), { input: baselineBsc.input });
    await api.write(mutationDocument('raiseRisk'), { input: raiseR920.input });
    const before = (await api.write(queries.events, { first: 1000 })).events;

    const attempts = [
      api.gql(mutationDocument('raiseChangeProposal'), { input: raiseR0209.input }, 'reader'),
      api.gql(mutationDocument('editChangeProposal'), { input: { codeBody: 'BSC', ref: 'P478', title: 'x' } }, 'recEditor'),
      api.gql(mutationDocument('raiseChangeProposal'), { input: { ...raiseP478.input, ref: 'P479' } }, 'recEditor'),
      api.gql(
        mutationDocument('forecastMilestone'),
        { input: { workstream: 'BSC-M8', key: '4088', forecastDate: 'Q1 2025' } },
        'recEditor',
      ),
      api.gql(mutationDocument('assessRiskScore'), { input: { riskId: 'R920', score: 5 } }, 'recEditor'),
      api.gql(mutationDocument('assessRiskScore'), { input: { riskId: 'R920', score: 5 } }, 'auditor'),
    ];
    for (const reply of await Promise.all(attempts)) expect(codesOf(reply)).toEqual(['FORBIDDEN']);
    expect((await api.write(queries.events, { first: 1000 })).events).toEqual(before);
  });
});

describe('unexpected failures', () => {
  it('are masked with a request id that the server log also carries', async () => {
    const api = await start({
      captureErrorLog: true,
      register: (register) => {
        register.itemsAt.items = () => {
          throw new Error('read model file is corrupt at page 7');
        };
      },
    });
    const reply = await api.gql(queries.changeProposals, {}, 'reader');
    expect(codesOf(reply)).toEqual(['INTERNAL_SERVER_ERROR']);
    const error = reply.errors![0]!;
    const requestId = error.extensions!['requestId'] as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain(requestId);
    expect(JSON.stringify(reply.body)).not.toContain('corrupt');

    const logged = api.errorLog.map((line) => JSON.parse(line) as Record<string, any>).find((l) => l['requestId'] === requestId);
    expect(logged?.['err']?.message).toBe('read model file is corrupt at page 7');
  });
});

describe('links to change proposals', () => {
  it('refuses a link to a change proposal the register does not hold, and writes nothing', async () => {
    const api = await start();
    await api.write(mutationDocument('raiseChangeProposal'), { input: raiseR0209.input });
    const before = await logState(api);
    const reply = await api.gql(mutationDocument('relateChangeProposal'), {
      input: { codeBody: 'REC', ref: 'R0209', add: ['cp:BSC:P999'] },
    });
    expect(codesOf(reply)).toEqual(['BAD_USER_INPUT']);
    expect(reply.errors![0]!.extensions!['fields']).toEqual([{ path: 'input.add.0', message: 'cp:BSC:P999 is not on the register' }]);
    expect(await logState(api)).toEqual(before);
  });
});
