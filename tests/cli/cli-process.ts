import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const binary = resolve(import.meta.dirname, '../../services/cli/ccag.mjs');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Variables a developer's shell might carry that would point the CLI elsewhere. */
const foreign = ['DATA_DIR', 'ESDB_CONNECTION_STRING', 'TOKENS_FILE', 'REGISTER_RULES_FILE', 'READ_MODEL', 'SQLITE_SYNCHRONOUS'];

/** Starts `node services/cli/ccag.mjs ...args` as a separate process, as a user or script would. */
export function startCli(args: readonly string[], env: Record<string, string> = {}): ChildProcessByStdio<null, Readable, Readable> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !foreign.includes(key)));
  return spawn(process.execPath, [binary, ...args], {
    env: { ...base, CCAG_ACTOR: 'cli-test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the CLI to completion. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = startCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

export interface TempDataDir {
  readonly dir: string;
  readonly env: Record<string, string>;
  /** Writes `text` to `name` in the folder and returns its path. */
  file(name: string, text: string): string;
  remove(): void;
}

/** A fresh DATA_DIR for one test file; `remove` deletes it. */
export function tempDataDir(): TempDataDir {
  const dir = mkdtempSync(join(tmpdir(), 'ccag-cli-'));
  return {
    dir,
    // Kept tree heads go to the test's own config folder, never the developer's.
    env: { DATA_DIR: dir, XDG_CONFIG_HOME: join(dir, 'config') },
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Events in the embedded store, counted straight from its file (0 before it exists). */
export function countEvents(dataDir: string): number {
  if (!existsSync(join(dataDir, 'events.db'))) return 0;
  const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
  try {
    return Number((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n);
  } finally {
    db.close();
  }
}
