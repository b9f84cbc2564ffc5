import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildLog } from '../../bench/fixtures/log-builder.ts';
import { hashToken } from '../../services/api/tokens.ts';

/** `npm start` is `node services/start/start.mjs`: the compiled server (dist/server.cjs), started as its own process. */
const root = resolve(import.meta.dirname, '../..');
const startEntry = 'services/start/start.mjs';
const foreign = ['DATA_DIR', 'ESDB_CONNECTION_STRING', 'TOKENS_FILE', 'REGISTER_RULES_FILE', 'READ_MODEL', 'LOG_LEVEL', 'HOST'];

interface Started {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

function startMain(env: Record<string, string>, entry = startEntry): Started {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !foreign.includes(key)));
  const child = spawn(process.execPath, entry === startEntry ? [entry] : ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves with the server's URL once the banner (on stderr) names it. */
async function listening(started: Started): Promise<string> {
  for (;;) {
    const match = /GraphQL:\s+(\S+)\/graphql/.exec(started.stderr());
    if (match) return match[1]!;
    const code = await Promise.race([started.exited, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 50))]);
    if (code !== 'waiting') throw new Error(`exited with ${code} before listening:\n${started.stderr()}`);
  }
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill('SIGTERM');
  return started.exited;
}

const authenticated = (url: string, token: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ risks { __typename } }' }),
  });

const shownToken = (banner: string) => /Authorization: Bearer (\S+)/.exec(banner)?.[1];

describe('npm start', () => {
  let dataDir: string;
  let holder: Server | undefined;

  // The server is compiled once before any test runs (tests/support/builds.ts), so no start
  // below also prints the build's lines.
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ccag-start-'));
  });
  afterEach(async () => {
    await new Promise((r) => (holder ? holder.close(r) : r(undefined)));
    holder = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on a port in use exits 1 with one line naming the port and PORT=, and the next start shows the token it made', async () => {
    holder = createServer();
    await new Promise<void>((r) => holder!.listen(0, '127.0.0.1', r));
    const port = (holder.address() as { port: number }).port;

    const failed = startMain({ DATA_DIR: dataDir, PORT: String(port), NODE_ENV: 'development' });
    expect(await failed.exited).toBe(1);
    expect(failed.stderr()).toBe(
      `Cannot start the register: port ${port} on 127.0.0.1 is already in use; stop what holds it, or choose another port with PORT=<port>\n`,
    );

    // The token made by the failed start was never shown: the next start shows it.
    const next = startMain({ DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' });
    const url = await listening(next);
    expect(next.stderr()).toContain('has not been used yet');
    const token = shownToken(next.stderr());
    expect(token).toMatch(/^ccag_/);
    const response = await authenticated(url, token!);
    expect(await response.json()).toEqual({ data: { risks: [] } });
    expect(await stop(next)).toBe(0);

    // Used once, it is not shown again.
    const third = startMain({ DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' });
    await listening(third);
    expect(shownToken(third.stderr())).toBeUndefined();
    expect(await stop(third)).toBe(0);
  }, 90_000);

  it('in development logs one short line per request on stdout, the banner and token on stderr', async () => {
    const started = startMain({ DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' });
    const url = await listening(started);
    expect(shownToken(started.stderr())).toMatch(/^ccag_/);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await stop(started)).toBe(0);
    const requestLines = started
      .stdout()
      .split('\n')
      .filter((line) => line.includes('/health'));
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatch(/GET \/health 200 \d+ ms/);
    expect(started.stdout()).not.toContain('ccag_');
  }, 60_000);

  it('in production writes only JSON lines to stdout, two per request', async () => {
    const started = startMain({ DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production' });
    const url = await listening(started);
    expect(started.stderr()).toContain('No bearer tokens');
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await stop(started)).toBe(0);
    const lines = started
      .stdout()
      .split('\n')
      .filter((line) => line !== '');
    const records = lines.map((line) => JSON.parse(line) as { msg?: string; req?: { url?: string } });
    expect(records.filter((r) => r.msg === 'incoming request' && r.req?.url === '/health')).toHaveLength(1);
    expect(records.filter((r) => r.msg === 'request completed')).toHaveLength(1);
  }, 60_000);

  it('in production the compiled server answers queries and refuses introspection as a validation error', async () => {
    // The bundle holds one graphql for mercurius and for the register's own rules (two would fail every query here).
    const entry = { principal: 'dashboard', role: 'reader', codeBodies: [], sha256: hashToken('test-token-reader') };
    const tokensFile = join(dataDir, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify({ tokens: [entry] }));
    const started = startMain({ DATA_DIR: dataDir, TOKENS_FILE: tokensFile, PORT: '0', NODE_ENV: 'production' });
    const url = await listening(started);
    const answer = (await (await authenticated(url, 'test-token-reader')).json()) as { data?: { risks: unknown[] }; errors?: unknown };
    expect(answer).toEqual({ data: { risks: [] } });
    const introspection = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-token-reader' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    const refused = (await introspection.json()) as { data?: unknown; errors?: { message: string }[] };
    expect(introspection.status).toBe(400);
    expect(refused.errors?.[0]?.message).toMatch(/introspection/i);
    expect(await stop(started)).toBe(0);
  }, 60_000);

  it('compiles the server again when its build is older than its sources, then serves from it', async () => {
    utimesSync(join(root, 'dist', 'server.cjs'), new Date('2000-01-01'), new Date('2000-01-01'));
    const started = startMain({ DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' });
    const url = await listening(started);
    expect(started.stderr()).toMatch(/^Compiling the server \((services|schema|projections)\/\S+\.ts changed\)\.\.\.\nServer compiled in /);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await stop(started)).toBe(0);

    const again = startMain({ DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' });
    await listening(again);
    expect(again.stderr()).not.toContain('Compiling');
    expect(await stop(again)).toBe(0);
  }, 120_000);

  it('catches a read model far behind the log up in the compiled worker thread, then serves it', async () => {
    const log = await buildLog({ name: 'start-bulk-test', events: 12_000 });
    copyFileSync(log.path, join(dataDir, 'events.db'));
    const started = startMain({ DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production' });
    const url = await listening(started);
    await expect
      .poll(async () => ((await (await fetch(`${url}/ready`)).json()) as { status: string }).status, { timeout: 60_000, interval: 200 })
      .toBe('ready');
    const ready = (await (await fetch(`${url}/ready`)).json()) as { checkpoint: string; head: string };
    expect(ready.checkpoint).toBe(ready.head);
    expect(await stop(started)).toBe(0);
    // The runner's lines go to stderr, beside the banner (stdout is the request log).
    expect(started.stderr()).toMatch(
      /projection runner main: catching the read model up by \d+ events in a worker thread \(compiled: dist\/bulk-worker\.mjs\)\n/,
    );
  }, 120_000);

  it('a tokens file broken while running is reported through the server log, a JSON warning on stdout', async () => {
    const entry = { principal: 'secretariat', role: 'secretariat', codeBodies: [], sha256: hashToken('test-token-log') };
    const tokensFile = join(dataDir, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify({ tokens: [entry] }));
    const started = startMain({ DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production' });
    const url = await listening(started);
    writeFileSync(tokensFile, '{ not json');
    await expect.poll(async () => ((await (await fetch(`${url}/ready`)).json()) as { degraded?: unknown }).degraded).toBeDefined();
    expect(await stop(started)).toBe(0);
    const warnings = started
      .stdout()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { level: number; msg?: string })
      .filter((record) => record.msg?.includes('cannot be read'));
    expect(warnings).toEqual([
      expect.objectContaining({ level: 40, msg: expect.stringContaining(`tokens file ${tokensFile} cannot be read`) }),
    ]);
    expect(started.stderr()).not.toContain('cannot be read');
  }, 60_000);

  it('npm run demo refuses a DATA_DIR that holds data, in one line, and exits 1', async () => {
    writeFileSync(join(dataDir, 'events.db'), '');
    const demo = startMain({ DATA_DIR: dataDir, PORT: '0' }, 'samples/demo.ts');
    expect(await demo.exited).toBe(1);
    expect(demo.stderr()).toBe(
      `Cannot start the demo: DATA_DIR=${dataDir} already holds 1 entry; the demo loads its sample into a fresh store and never mixes it with other data. ` +
        'Name a new or empty directory, or unset DATA_DIR for a temporary one.\n',
    );
  }, 60_000);
});
