import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApiHarness, tokenEntryOf, type ApiHarness, type HarnessOptions } from '../support/api-harness.ts';
import { GraphQLSocket, listenForSockets } from '../support/api-websocket.ts';
import { riskPlan } from '../support/api-plans.ts';
import { hashToken } from '../../services/api/tokens.ts';

// Connections are counted and closed above the store, so these run on the embedded store only.

const liveRisks = /* GraphQL */ `
  subscription {
    registerChanged(kinds: [RISK]) {
      itemId
      version
    }
  }
`;

let api: ApiHarness | undefined;
const sockets: GraphQLSocket[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.close()));
  await api?.close();
  api = undefined;
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

async function listening(options: HarnessOptions = {}) {
  api = await startApiHarness(options);
  return { api, ...(await listenForSockets(api, sockets)) };
}

function tokensFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccag-ws-tokens-'));
  dirs.push(dir);
  return join(dir, 'tokens.json');
}

const ready = async (address: string) => (await fetch(`${address}/ready`)).json() as Promise<Record<string, unknown>>;

describe('WebSocket connections per principal', () => {
  it('accepts the configured number per principal and refuses the next with a message saying why', async () => {
    const { connect } = await listening({ env: { WS_CONNECTIONS_PER_PRINCIPAL: '3' } });
    const held = [];
    for (let i = 0; i < 3; i++) {
      const socket = await connect();
      expect((await socket.init('reader')).type).toBe('connection_ack');
      held.push(socket);
    }
    const fourth = await connect();
    const refusal = await fourth.init('reader');
    expect(refusal).toMatchObject({
      type: 'connection_error',
      payload: {
        message: 'too many WebSocket connections: principal dashboard already holds 3 (the limit is 3); close one first',
        extensions: { code: 'TOO_MANY_CONNECTIONS' },
      },
    });
    await fourth.until(() => fourth.closedWith !== undefined);
    expect(fourth.closedWith).toBe(4429);

    // Another principal has its own allowance, and a closed socket frees a place.
    expect((await (await connect()).init('auditor')).type).toBe('connection_ack');
    await held[0]!.close();
    await expect.poll(async () => (await (await connect()).init('reader')).type).toBe('connection_ack');
  });
});

describe('revoking a token', () => {
  it('closes its open WebSocket, which then receives nothing more; other tokens keep theirs', async () => {
    const path = tokensFile();
    const { api, connect, state } = await listening({ tokensFile: path });
    const revoked = await connect();
    expect((await revoked.init('reader')).type).toBe('connection_ack');
    revoked.subscribe('risks', liveRisks);
    const kept = await connect();
    expect((await kept.init('auditor')).type).toBe('connection_ack');
    kept.subscribe('risks', liveRisks);
    await expect.poll(() => state.subscribed).toBe(2);

    const [raise, assess] = riskPlan('R920', '');
    await api.mutate(raise!.mutation, raise!.input);
    await revoked.until(() => revoked.dataOf('risks').length === 1);
    await kept.until(() => kept.dataOf('risks').length === 1);

    writeFileSync(path, JSON.stringify({ tokens: [tokenEntryOf('secretariat'), tokenEntryOf('auditor')] }));
    await revoked.until(() => revoked.closedWith !== undefined);
    expect(revoked.closedWith).toBe(4401);

    await api.mutate(assess!.mutation, assess!.input);
    await kept.until(() => kept.dataOf('risks').length === 2);
    expect(revoked.dataOf('risks')).toHaveLength(1);
    expect(kept.closedWith).toBeUndefined();
    expect((await (await connect()).init('reader')).type).toBe('connection_error');
  });

  it('a tokens file broken while running revokes nothing new, grants nothing new, and /ready says so', async () => {
    const path = tokensFile();
    const { api, address, connect } = await listening({ tokensFile: path });
    // A good edit revokes the reader.
    writeFileSync(path, JSON.stringify({ tokens: [tokenEntryOf('secretariat'), tokenEntryOf('auditor')] }));
    await expect.poll(async () => (await (await connect()).init('reader')).type).toBe('connection_error');

    // A broken edit that would add a new token and take the auditor's away: neither happens.
    const newcomer = { principal: 'newcomer', role: 'reader', codeBodies: [], sha256: hashToken('test-token-newcomer') };
    writeFileSync(
      path,
      JSON.stringify({ tokens: [tokenEntryOf('secretariat'), newcomer, { principal: 'x', role: 'king', sha256: 'nope' }] }),
    );
    await expect
      .poll(async () => (await ready(address))['degraded'])
      .toEqual([expect.stringContaining(`tokens file ${path} cannot be read`)]);
    const status = await fetch(`${address}/ready`);
    expect(status.status).toBe(200);

    const asNewcomer = await api.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: 'Bearer test-token-newcomer', 'content-type': 'application/json' },
      payload: { query: '{ risks { id } }' },
    });
    expect(asNewcomer.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await api.gql('{ risks { id } }', {}, 'auditor')).errors).toBeUndefined();
    expect((await api.gql('{ risks { id } }', {}, 'reader')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await (await connect()).init('reader')).type).toBe('connection_error');

    // Mended, the file is followed again.
    writeFileSync(path, JSON.stringify({ tokens: [tokenEntryOf('secretariat'), newcomer] }));
    await expect.poll(async () => (await ready(address))['degraded']).toBeUndefined();
    await expect
      .poll(
        async () =>
          (
            await api.app.inject({
              method: 'POST',
              url: '/graphql',
              headers: { authorization: 'Bearer test-token-newcomer', 'content-type': 'application/json' },
              payload: { query: '{ risks { id } }' },
            })
          ).json().errors,
      )
      .toBeUndefined();
  });
});
