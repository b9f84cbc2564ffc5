import { afterEach, describe, expect, it } from 'vitest';
import { principalOf, startApiHarness, type ApiHarness, type HarnessOptions } from '../support/api-harness.ts';
import { GraphQLSocket, listenForSockets } from '../support/api-websocket.ts';
import { actionPlan, changeProposalPlan, meetingPlan, riskPlan } from '../support/api-plans.ts';

const registerChanged = /* GraphQL */ `
  subscription Live($kinds: [ItemKind!]) {
    registerChanged(kinds: $kinds) {
      position
      eventType
      itemId
      kind
      version
      actor
      item {
        __typename
        ... on ChangeProposal {
          id
          status
          version
        }
        ... on Risk {
          id
          score
          band
          version
          relatedChangeProposals {
            id
            ref
          }
        }
        ... on Action {
          id
          status
          owner {
            text
          }
        }
        ... on Meeting {
          id
          number
          status
        }
        ... on Milestone {
          id
          status
        }
      }
    }
  }
`;

let api: ApiHarness | undefined;
const sockets: GraphQLSocket[] = [];
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.close()));
  await api?.close();
  api = undefined;
});

/** Starts the API on a real socket and counts subscriptions the server has finished setting up. */
async function listening(options: HarnessOptions = {}) {
  api = await startApiHarness(options);
  return { api, ...(await listenForSockets(api, sockets)) };
}

describe('registerChanged over a WebSocket', () => {
  it("sends one message per event with the item's new state; the kinds filter keeps only those kinds", async () => {
    const { api, state, connect } = await listening({ store: 'file' });
    const socket = await connect();
    expect((await socket.init('reader')).type).toBe('connection_ack');
    socket.subscribe('all', registerChanged);
    socket.subscribe('risks', registerChanged, { kinds: ['RISK', 'ACTION'] });
    await expect.poll(() => state.subscribed).toBe(2);

    const written = [];
    for (const step of [
      changeProposalPlan('BSC', 'P478', 'cp:BSC:P478')[0]!,
      { mutation: 'raiseRisk', input: { ...riskPlan('R920', '')[0]!.input, relatedChangeProposals: ['cp:BSC:P478'] } },
      riskPlan('R920', 'cp:BSC:P478')[1]!,
      actionPlan('CCAG35-01', 'cp:BSC:P478')[0]!,
      meetingPlan(36)[0]!,
    ]) {
      written.push(await api.mutate(step.mutation, step.input));
    }
    // A last risk event: once both feeds have it, every earlier message has arrived (delivery is in order).
    const sentinel = await api.mutate('raiseRisk', { ...riskPlan('R999', '')[0]!.input, riskId: 'R999' });
    const hasSentinel = (id: string) => () => socket.dataOf(id).some((m) => m.data.registerChanged.itemId === 'risk:R999');
    await socket.until(hasSentinel('all'));
    await socket.until(hasSentinel('risks'));

    const all = socket.dataOf('all').map((m) => m.data.registerChanged);
    expect(all.map((c) => [c.eventType, c.kind, c.itemId, c.version])).toEqual([
      ['ChangeProposalRaised', 'changeProposal', 'cp:BSC:P478', 1],
      ['RiskRaised', 'risk', 'risk:R920', 1],
      ['RiskScoreAssessed', 'risk', 'risk:R920', 2],
      ['ActionRaised', 'action', 'action:CCAG35-01', 1],
      ['MeetingScheduled', 'meeting', 'meeting:36', 1],
      ['RiskRaised', 'risk', 'risk:R999', 1],
    ]);
    expect(all.map((c) => c.position)).toEqual([...written, sentinel].map((w) => w.position));
    expect(new Set(all.map((c) => c.actor))).toEqual(new Set([principalOf('secretariat')]));
    expect(all[0].item).toEqual({ __typename: 'ChangeProposal', id: 'cp:BSC:P478', status: 'New', version: 1 });
    expect(all[1].item).toEqual({
      __typename: 'Risk',
      id: 'risk:R920',
      score: 20,
      band: 'Medium',
      version: 1,
      relatedChangeProposals: [{ id: 'cp:BSC:P478', ref: 'P478' }],
    });
    expect(all[2].item).toMatchObject({ __typename: 'Risk', score: 10, band: 'Low', version: 2 });
    expect(all[3].item).toEqual({
      __typename: 'Action',
      id: 'action:CCAG35-01',
      status: 'Open',
      owner: { text: 'Programme (Claire Silk)' },
    });
    expect(all[4].item).toEqual({ __typename: 'Meeting', id: 'meeting:36', number: 36, status: 'Scheduled' });

    const risksAndActions = socket.dataOf('risks').map((m) => m.data.registerChanged);
    expect(risksAndActions).toEqual(all.filter((c) => c.kind === 'risk' || c.kind === 'action'));
    expect(socket.messages.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('refuses a connection without a valid token when reads are closed', async () => {
    const { connect } = await listening({ env: { OPEN_READS: 'false' } });
    for (const as of ['anonymous', 'badToken'] as const) {
      const socket = await connect();
      expect((await socket.init(as)).type, as).toBe('connection_error');
      await socket.until(() => socket.closedWith !== undefined);
    }
    const reader = await connect();
    expect((await reader.init('reader')).type).toBe('connection_ack');
  });
});
