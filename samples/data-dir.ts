import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DemoDataDir {
  readonly path: string;
  /** True when the directory was made for this run (DATA_DIR was not set). */
  readonly temporary: boolean;
}

/** DATA_DIR names a directory the demo must not use: it would mix the sample with other data. */
export class DemoDataDirRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoDataDirRefused';
  }
}

/**
 * Where the demo keeps its store. It must start empty, and must never be a user's data:
 * DATA_DIR is used when that directory does not exist yet or is empty, and refused otherwise;
 * without DATA_DIR a new temporary directory is made.
 */
export function chooseDemoDataDir(
  dataDir: string | undefined,
  makeTemporary = () => mkdtempSync(join(tmpdir(), 'ccag-sample-')),
): DemoDataDir {
  if (dataDir === undefined || dataDir === '') return { path: makeTemporary(), temporary: true };
  const refusal = whyNotEmpty(dataDir);
  if (refusal !== undefined) {
    throw new DemoDataDirRefused(
      `DATA_DIR=${dataDir} ${refusal}; the demo loads its sample into a fresh store and never mixes it with other data. ` +
        'Name a new or empty directory, or unset DATA_DIR for a temporary one.',
    );
  }
  return { path: dataDir, temporary: false };
}

function whyNotEmpty(path: string): string | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `cannot be read (${(error as Error).message})`;
  }
  if (!stats.isDirectory()) return 'is a file, not a directory';
  const entries = readdirSync(path).length;
  return entries === 0 ? undefined : `already holds ${entries} ${entries === 1 ? 'entry' : 'entries'}`;
}
