import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { benchDir } from './tmp.ts';

/**
 * Runs bench/<script> (TypeScript, through tsx) in a child process with JSON on argv and
 * returns the last line it printed, parsed. stderr passes through.
 */
export function runChild<T>(script: string, input: unknown, options: { nodeOptions?: string[] } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(options.nodeOptions ?? []), '--import', 'tsx', join(benchDir, script), JSON.stringify(input)],
      { stdio: ['ignore', 'pipe', 'inherit'], cwd: join(benchDir, '..') },
    );
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${output.slice(-2000)}`));
      const last = output.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${output.slice(-2000)}`));
      }
    });
  });
}
