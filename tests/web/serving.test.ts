import { afterEach, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { codesOf, startApiHarness, type ApiHarness, type HarnessOptions } from '../support/api-harness.ts';

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(options: HarnessOptions = {}): Promise<ApiHarness> {
  api = await startApiHarness(options);
  return api;
}

describe('the web app and GraphiQL, served by the register', () => {
  it('answers every page of the app with its HTML, scripts only from itself', async () => {
    const api = await start();
    for (const path of ['/', '/risks', '/movement', '/audit', '/sign-in', '/items/risk:R920']) {
      const reply = await api.app.inject({ method: 'GET', url: path });
      expect(reply.statusCode, path).toBe(200);
      expect(reply.headers['content-type']).toMatch(/text\/html/);
      expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
      expect(reply.body).toContain('<div id="root">');
      // Nothing in the page names another host.
      expect(reply.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await api.app.inject({ method: 'GET', url: '/' })).body)?.[1];
    expect(script).toBeDefined();
    const asset = await api.app.inject({ method: 'GET', url: script! });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await api.app.inject({ method: 'GET', url: '/no-such-page' })).statusCode).toBe(404);
  });

  it('serves its own GraphiQL in development, with no CDN in the page', async () => {
    const api = await start({ env: { NODE_ENV: 'development' } });
    const reply = await api.app.inject({ method: 'GET', url: '/graphiql' });
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toContain('<div id="graphiql">');
    expect(reply.body).not.toMatch(/unpkg|jsdelivr|cdn/i);
  });
});

describe('introspection at the default limits', () => {
  it('passes the standard introspection query (graphql-js getIntrospectionQuery, depth 15)', async () => {
    const api = await start({ env: { NODE_ENV: 'development' } });
    expect(api.config.limits.queryDepth).toBe(12);
    const reply = await api.gql(getIntrospectionQuery(), {}, 'reader');
    expect(codesOf(reply)).toEqual([]);
    expect(reply.status).toBe(200);
    expect(reply.data!['__schema'].queryType.name).toBe('Query');
    expect(reply.data!['__schema'].types.map((t: { name: string }) => t.name)).toContain('ChangeProposal');
  });

  it('still counts the depth of the register fields asked beside it', async () => {
    const api = await start({ env: { QUERY_DEPTH_LIMIT: '4', NODE_ENV: 'development' } });
    const deep =
      '{ __schema { queryType { name } } changeProposals { relatedChangeProposals { relatedChangeProposals { relatedChangeProposals { id } } } } }';
    const reply = await api.gql(deep, {}, 'reader');
    expect(reply.status).toBe(400);
    expect(reply.errors![0]!.message).toMatch(/query depth \(5\) exceeds the query depth limit of 4/);
  });
});

describe('viewer: who the token speaks for', () => {
  const viewer = '{ viewer { principal role codeBodies canWrite canAudit } }';

  it('names the principal, role and code bodies of each token, and anonymous without one', async () => {
    const api = await start();
    expect((await api.gql(viewer, {}, 'bscEditor')).data).toEqual({
      viewer: { principal: 'elexon', role: 'editor', codeBodies: ['BSC'], canWrite: true, canAudit: false },
    });
    expect((await api.gql(viewer, {}, 'auditor')).data!['viewer']).toMatchObject({ role: 'auditor', canWrite: false, canAudit: true });
    expect((await api.gql(viewer, {}, 'secretariat')).data!['viewer']).toMatchObject({ canWrite: true, canAudit: true });
    expect((await api.gql(viewer, {}, 'anonymous')).data!['viewer']).toMatchObject({
      principal: 'anonymous',
      role: 'anonymous',
      canWrite: false,
    });
  });

  it('refuses a token nobody issued', async () => {
    const api = await start();
    expect(codesOf(await api.gql(viewer, {}, 'badToken'))).toEqual(['UNAUTHENTICATED']);
  });
});
