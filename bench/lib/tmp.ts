import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/ (this file is bench/lib/tmp.ts). */
export const benchDir = fileURLToPath(new URL('..', import.meta.url));
/** Scratch files: gitignored, wiped at the start of a run. */
export const tmpDir = join(benchDir, 'tmp');

export function tmpPath(...parts: string[]): string {
  const path = join(tmpDir, ...parts);
  mkdirSync(join(path, '..'), { recursive: true });
  return path;
}

/** Removes an SQLite database and its WAL and shared-memory files. */
export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(path + suffix)) rmSync(path + suffix, { force: true });
  }
}

export function resetDir(path: string): string {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return path;
}
