import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DemoDataDir {
  readonly path: string;
  /** True when the directory was made for this run (not the one DATA_DIR named). */
  readonly temporary: boolean;
}

/**
 * Where the demo keeps its store. It must start empty, and must never be a user's data:
 * DATA_DIR is used only when that directory does not exist yet or is empty; otherwise (or
 * when DATA_DIR is not set) a new temporary directory is made.
 */
export function chooseDemoDataDir(dataDir: string | undefined, makeTemporary = () => mkdtempSync(join(tmpdir(), 'ccag-sample-'))): DemoDataDir {
  if (dataDir !== undefined && dataDir !== '' && isAbsentOrEmptyDirectory(dataDir)) return { path: dataDir, temporary: false };
  return { path: makeTemporary(), temporary: true };
}

function isAbsentOrEmptyDirectory(path: string): boolean {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  return stats.isDirectory() && readdirSync(path).length === 0;
}
