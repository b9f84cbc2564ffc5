import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { startServer, type RunningServer } from '../../services/server.ts';
import { addToken } from '../../services/api/tokens.ts';

/** A DATA_DIR with a secretariat token, for starting and restarting real servers on it. */
export interface DataDir {
  readonly dir: string;
  readonly token: string;
  readonly env: Record<string, string>;
  remove(): void;
}

export function dataDirWithToken(dir = mkdtempSync(join(tmpdir(), 'ccag-trust-'))): DataDir {
  mkdirSync(dir, { recursive: true });
  const tokensFile = join(dir, 'tokens.json');
  const token = addToken(tokensFile, { principal: 'secretariat', role: 'secretariat', codeBodies: [] });
  return {
    dir,
    token,
    env: { NODE_ENV: 'test', DATA_DIR: dir, TOKENS_FILE: tokensFile, PORT: '0', LOG_LEVEL: 'silent' },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ServerOnDir {
  readonly server: RunningServer;
  /** What the server said on console.warn and console.error (projection runner log lines). */
  readonly logLines: string[];
  gql(query: string, variables?: Record<string, unknown>): Promise<{ data: any; errors: any[] | undefined }>;
  raiseRisk(riskId: string, options?: Record<string, unknown>): Promise<{ data: any; errors: any[] | undefined }>;
  ready(): Promise<{ status: number; body: any }>;
  /** Waits until /ready is 200. */
  untilReady(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const raiseRiskDocument = `mutation($input: RaiseRiskInput!, $options: WriteOptions) {
  raiseRisk(input: $input, options: $options) { version position replayed risk { id description score } }
}`;

/** Starts the server the way `ccag serve` does, in this process, on `dataDir`. */
export async function startServerOn(dataDir: DataDir, env: Record<string, string> = {}): Promise<ServerOnDir> {
  const logLines: string[] = [];
  const capture = (line: unknown) => void logLines.push(String(line));
  const warn = vi.spyOn(console, 'warn').mockImplementation(capture);
  const error = vi.spyOn(console, 'error').mockImplementation(capture);
  const info = vi.spyOn(console, 'log').mockImplementation(capture);
  const restore = () => {
    warn.mockRestore();
    error.mockRestore();
    info.mockRestore();
  };
  let server: RunningServer;
  try {
    server = await startServer({ env: { ...dataDir.env, ...env } });
  } catch (failure) {
    restore();
    throw failure;
  }
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const reply = await server.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${dataDir.token}`, 'content-type': 'application/json' },
      payload: { query, variables },
    });
    const body = reply.json();
    return { data: body.data, errors: body.errors };
  };
  const ready = async () => {
    const reply = await server.app.inject({ method: 'GET', url: '/ready' });
    return { status: reply.statusCode, body: reply.json() };
  };
  return {
    server,
    logLines,
    gql,
    raiseRisk: (riskId, options) =>
      gql(raiseRiskDocument, {
        input: { riskId, description: `Risk ${riskId}`, score: 12, mitigationPlan: [], raisedOn: '2024-06-01' },
        options: options ?? null,
      }),
    ready,
    async untilReady(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { status, body } = await ready();
        if (status === 200) return;
        if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms: ${JSON.stringify(body)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      try {
        await server.stop();
      } finally {
        restore();
      }
    },
  };
}

export const riskIdsQuery = `query { risks { id } }`;
