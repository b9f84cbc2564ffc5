import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { benchDir } from './tmp.ts';
import { now } from './measure.ts';

/*
 * The register as an operator runs it: `npm start` in the repository root, its own process,
 * its request log (stdout) going to a file as it would to a log collector, at the level the
 * environment gives (the default, info, unless the caller sets LOG_LEVEL).
 */

export interface RegisterProcess {
  readonly url: string;
  /** From spawning `npm start` to the port accepting a connection. */
  readonly listeningMs: number;
  /** From spawning `npm start` to /ready answering 200 (read model caught up). */
  readonly readyMs: number;
  /** Stops it with SIGTERM (the clean stop `npm start` handles) and waits for it to exit. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function isReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/ready`)).status === 200;
  } catch {
    return false;
  }
}

export async function startRegisterProcess(options: {
  readonly env: Readonly<Record<string, string>>;
  /** Where stdout (the request log) and stderr (the banner) go. */
  readonly logPrefix: string;
  readonly timeoutMs?: number;
  /** What to run instead of `npm start` (a reference process that listens on PORT). */
  readonly command?: readonly [string, ...string[]];
}): Promise<RegisterProcess> {
  const [program, ...args] = options.command ?? ['npm', 'start', '--silent'];
  const port = await freePort();
  const stdoutPath = `${options.logPrefix}.stdout.log`;
  const stderrPath = `${options.logPrefix}.stderr.log`;
  const stdout = openSync(stdoutPath, 'w');
  const stderr = openSync(stderrPath, 'w');
  // The logger at its default level unless the caller says otherwise, as `npm start` has it.
  const inherited = { ...process.env };
  delete inherited['LOG_LEVEL'];
  const started = now();
  const child = spawn(program, args, {
    cwd: join(benchDir, '..'),
    env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), ...options.env },
    stdio: ['ignore', stdout, stderr],
    // Its own process group: npm, the shell and node are stopped together.
    detached: true,
  });
  closeSync(stdout);
  closeSync(stderr);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const failure = (what: string) =>
    new Error(`${program} ${args.join(' ')} ${what}; its stderr ends:\n${readFileSync(stderrPath, 'utf8').slice(-2000)}`);
  const deadline = started + (options.timeoutMs ?? 120_000);
  while (!(await accepts(port))) {
    if (exited !== undefined) throw failure(`exited with ${exited} before listening`);
    if (now() > deadline) throw failure('did not listen in time');
    await pause(2);
  }
  const listeningMs = now() - started;
  const url = `http://127.0.0.1:${port}`;
  while (!(await isReady(url))) {
    if (exited !== undefined) throw failure(`exited with ${exited} before it was ready`);
    if (now() > deadline) throw failure('was not ready in time');
    await pause(20);
  }
  const readyMs = now() - started;
  return {
    url,
    listeningMs,
    readyMs,
    async stop() {
      if (exited === undefined && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exit;
    },
  };
}
