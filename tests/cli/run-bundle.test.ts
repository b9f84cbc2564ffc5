import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/*
 * `npm start` runs the compiled server through services/start/run-bundle.mjs, which keeps V8's
 * compiled code of the bundle between starts on Node 20. Each run here is its own Node process,
 * as each start is: V8 reads a code cache only when it compiles the file afresh.
 */
const runBundle = resolve(import.meta.dirname, '../../services/start/run-bundle.mjs');

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccag-run-bundle-'));
  file = join(dir, 'bundle.cjs');
  writeFileSync(join(dir, 'beside.cjs'), 'module.exports = "required beside";');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A bundle that reports what Node gives a CommonJS module. */
function writeBundle(greeting: string): void {
  writeFileSync(
    file,
    `console.log(JSON.stringify({ greeting: ${JSON.stringify(greeting)}, filename: __filename, dirname: __dirname,
       required: require('./beside.cjs'), ownExports: module.exports === exports, thisIsExports: this === exports }));`,
  );
}

interface Run {
  readonly cache: string;
  readonly seen: { greeting: string; filename: string; dirname: string; required: string; ownExports: boolean; thisIsExports: boolean };
}

function run(entry = 'runWithCodeCache'): Run {
  const script = `import(${JSON.stringify(runBundle)}).then((m) => {
    console.log(JSON.stringify(m.${entry}(${JSON.stringify(file)})));
  });`;
  const [seen, cache] = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split('\n');
  return { cache: JSON.parse(cache!) as string, seen: JSON.parse(seen!) as Run['seen'] };
}

const caches = () => readdirSync(dir).filter((name) => name.endsWith('.v8cache'));

describe('running the compiled server with its code cache', () => {
  it('runs the file as Node runs a CommonJS module: its own require, module, exports, __filename and __dirname', () => {
    writeBundle('hello');
    expect(run().seen).toEqual({
      greeting: 'hello',
      filename: file,
      dirname: dir,
      required: 'required beside',
      ownExports: true,
      thisIsExports: true,
    });
  });

  it('writes the cache on the first run (at exit at the latest) and compiles from it on the next', () => {
    writeBundle('hello');
    expect(run().cache).toBe('written');
    expect(caches()).toEqual([
      expect.stringMatching(new RegExp(`^bundle\\.cjs\\.[0-9a-f]{16}\\.node-${process.version}-${process.arch}\\.v8cache$`)),
    ]);
    const again = run();
    expect(again.cache).toBe('used');
    expect(again.seen.greeting).toBe('hello');
  });

  it('never uses the cache of another build, even of the same length, and drops it once the new one is written', () => {
    writeBundle('hello');
    run();
    const [old] = caches();
    writeBundle('howdy');
    const rebuilt = run();
    expect(rebuilt.cache).toBe('written');
    expect(rebuilt.seen.greeting).toBe('howdy');
    expect(caches()).toHaveLength(1);
    expect(caches()).not.toContain(old);
    expect(run().cache).toBe('used');
  });

  it('runs the file from its source when V8 refuses the cache, and writes a good one', () => {
    writeBundle('hello');
    run();
    const [kept] = caches();
    writeFileSync(join(dir, kept!), 'not a code cache at all');
    const refused = run();
    expect(refused.cache).toBe('rejected');
    expect(refused.seen.greeting).toBe('hello');
    expect(run().cache).toBe('used');
  });

  it('leaves the cache to Node where Node keeps one (22.1 and later), and keeps its own elsewhere', () => {
    writeBundle('hello');
    const served = run('runServerBundle');
    expect(served.seen.greeting).toBe('hello');
    if (typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function') {
      expect(served.cache).toBe('node');
      expect(existsSync(join(dir, 'compile-cache'))).toBe(true);
      expect(caches()).toEqual([]);
    } else {
      expect(served.cache).toBe('written');
      expect(caches()).toHaveLength(1);
    }
    expect(run('runServerBundle').seen.greeting).toBe('hello');
  });
});
