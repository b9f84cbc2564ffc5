import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstChangeSince } from '../../start/server-build.mjs';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const repositoryDir = join(webDir, '..', '..');

/** Where the built web app lives (git-ignored). */
export const webDistDir = join(webDir, 'dist');
/** Written by the build (vite.config.ts): every source file that went into the bundle. */
export const sourcesManifest = join(webDistDir, '.sources.json');

/**
 * Why the built web app must be built (again), or undefined when it is up to date: missing, or
 * older than one of the files it was built from (recorded by the build), a new file beside the
 * app's sources, or the lock file (a dependency changed).
 */
export function staleReason(): string | undefined {
  if (!existsSync(sourcesManifest) || !existsSync(join(webDistDir, 'index.html'))) return 'not built yet';
  const builtAt = statSync(sourcesManifest).mtimeMs;
  let files: string[];
  try {
    files = (JSON.parse(readFileSync(sourcesManifest, 'utf8')) as { files: string[] }).files;
  } catch {
    return 'its list of sources is unreadable';
  }
  const candidates = [
    ...files.map((file) => join(repositoryDir, file)),
    ...filesUnder(join(webDir, 'src')).filter((file) => !file.endsWith('.d.ts')),
    join(webDir, 'index.html'),
    join(webDir, 'graphiql.html'),
    join(webDir, 'vite.config.ts'),
    join(repositoryDir, 'package-lock.json'),
  ];
  return firstChangeSince(builtAt, repositoryDir, candidates);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Runs `vite build` for the web app in a child process (the server's memory stays its own). */
export async function buildWebApp(log: (line: string) => void = () => {}): Promise<void> {
  const vitePackage = createRequire(import.meta.url).resolve('vite/package.json');
  const viteBin = join(dirname(vitePackage), 'bin', 'vite.js');
  const started = Date.now();
  const child = spawn(process.execPath, [viteBin, 'build', '--config', join(webDir, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: webDir,
    // Always the production build: a caller's NODE_ENV (vitest sets "test") would otherwise
    // give React's development build, which the bench and `npm start` would then serve.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`Building the web app failed (vite build exited ${code}):\n${output}`);
  log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Builds the web app when its built assets are missing or older than its sources. */
export async function ensureWebBuild(log: (line: string) => void = () => {}): Promise<void> {
  const reason = staleReason();
  if (reason === undefined) return;
  log(`Building the web app (${reason})...`);
  await buildWebApp(log);
}
