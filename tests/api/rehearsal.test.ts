import { afterEach, describe, expect, it } from 'vitest';
import { codesOf, startApiHarness, type ApiHarness } from '../support/api-harness.ts';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const rehearse = `query($commands: [RehearsedCommand!]!) {
  rehearsal(commands: $commands) { index replayed events refusal { code message details } }
}`;
const eventCount = async (harness: ApiHarness) =>
  ((await harness.write(`{ events(first: 1000) { events { position } } }`)).events.events as unknown[]).length;

const raiseR1 = {
  command: 'RaiseRisk',
  input: { riskId: 'R1', description: 'Drafting lags the design', score: 12, mitigationPlan: [], raisedOn: '2024-10-01' },
};

describe('rehearsal', () => {
  it('judges each command against the log plus the ones before it, as the caller, and writes nothing', async () => {
    api = await startApiHarness();
    const before = await eventCount(api);
    const reply = await api.write(rehearse, {
      commands: [
        raiseR1,
        { command: 'AssessRiskScore', input: { riskId: 'R1', score: 8 }, options: { idempotencyKey: 'assess-r1' } },
        raiseR1,
        { command: 'AssessRiskScore', input: { riskId: 'R1', score: 'high' } },
      ],
    });
    expect(reply.rehearsal).toMatchObject([
      { index: 0, replayed: false, events: 1, refusal: null },
      { index: 1, replayed: false, events: 1, refusal: null },
      { index: 2, events: 0, refusal: { code: 'INVALID_TRANSITION' } },
      { index: 3, events: 0, refusal: { code: 'BAD_USER_INPUT', details: { fields: [{ path: 'input.score' }] } } },
    ]);
    expect(await eventCount(api)).toBe(before);
  });

  it("refuses an editor's command outside its code bodies, and callers who may not write at all", async () => {
    api = await startApiHarness();
    const update = { command: 'AddChangeProposalUpdate', input: { codeBody: 'BSC', ref: 'P478', on: '2024-12-02', text: 'x' } };
    const asEditor = await api.write(rehearse, { commands: [update] }, 'recEditor');
    expect(asEditor.rehearsal[0].refusal).toMatchObject({
      code: 'FORBIDDEN',
      message: "rec-code-manager may change only REC items, not BSC's",
    });
    expect(codesOf(await api.gql(rehearse, { commands: [update] }, 'reader'))).toEqual(['FORBIDDEN']);
    expect(codesOf(await api.gql(rehearse, { commands: [update] }, 'anonymous'))).toEqual(['UNAUTHENTICATED']);
    const unknown = await api.gql(rehearse, { commands: [{ command: 'DeleteEverything', input: {} }] });
    expect(codesOf(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0]!.extensions).toMatchObject({ fields: [{ path: 'commands.0.command' }] });
  });
});
