import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { signedTreeHeadSchema, type SignedTreeHead } from './tree-head.ts';

/**
 * The last tree head `ccag` verified for each register it talks to, kept in the user's config
 * folder as a Certificate Transparency client keeps the last head it saw: every later check
 * proves the log only grew since, even if the register's own files were replaced meanwhile.
 */
const keptHeadsSchema = z.record(z.string(), signedTreeHeadSchema);

export function keptHeadsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] && env['XDG_CONFIG_HOME'] !== '' ? env['XDG_CONFIG_HOME'] : join(homedir(), '.config');
  return join(base, 'ccag', 'heads.json');
}

function readAll(path: string): Record<string, SignedTreeHead> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed = keptHeadsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not a file of kept tree heads: ${parsed.error.message}`);
  return parsed.data;
}

export function keptHead(register: string, path = keptHeadsPath()): SignedTreeHead | undefined {
  return readAll(path)[register];
}

export function keepHead(register: string, head: SignedTreeHead, path = keptHeadsPath()): void {
  const all = readAll(path);
  all[register] = head;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
