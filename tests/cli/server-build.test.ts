import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentBulkWorkerCode } from '../../projections/runner/bulk-catch-up.ts';
import { firstChangeSince, serverBuildStaleReason } from '../../services/start/server-build.mjs';

/*
 * Whether dist/ is up to date with the sources it was built from decides whether `npm start`
 * compiles the server again, and whether a source run (the CLI, tests) gives its catch-up
 * worker the compiled entry or the TypeScript.
 */
let checkout: string;
const past = new Date('2026-01-01T00:00:00Z');
const built = new Date('2026-06-01T00:00:00Z');

function write(path: string, text: string, at: Date): void {
  mkdirSync(join(checkout, path, '..'), { recursive: true });
  writeFileSync(join(checkout, path), text);
  utimesSync(join(checkout, path), at, at);
}

beforeEach(() => {
  checkout = mkdtempSync(join(tmpdir(), 'ccag-build-'));
  write('services/main.ts', 'export {};', past);
  write('projections/runner/bulk-worker.ts', 'export {};', past);
  write('package-lock.json', '{}', past);
  write('dist/server.sources.json', JSON.stringify({ files: ['services/main.ts', 'projections/runner/bulk-worker.ts'] }), built);
  write('dist/server.cjs', '', built);
});
afterEach(() => rmSync(checkout, { recursive: true, force: true }));

describe('the server build, up to date or not', () => {
  it('is up to date when every source and the lock file are older than the bundle: the worker runs the compiled entry', () => {
    expect(serverBuildStaleReason(checkout)).toBeUndefined();
    expect(currentBulkWorkerCode(checkout)).toBe('compiled');
  });

  it('is stale when a source it was built from changed since: the worker runs the TypeScript', () => {
    write('projections/runner/bulk-worker.ts', 'export const edited = 1;', new Date('2026-07-01T00:00:00Z'));
    expect(serverBuildStaleReason(checkout)).toBe('projections/runner/bulk-worker.ts changed');
    expect(currentBulkWorkerCode(checkout)).toBe('typescript');
  });

  it('is stale when the lock file changed (a dependency the bundle holds may have)', () => {
    write('package-lock.json', '{"changed":true}', new Date('2026-07-01T00:00:00Z'));
    expect(serverBuildStaleReason(checkout)).toBe('package-lock.json changed');
  });

  it('is stale when a source is gone, when it was never built, and when its list of sources is unreadable', () => {
    rmSync(join(checkout, 'services/main.ts'));
    expect(serverBuildStaleReason(checkout)).toBe('services/main.ts is gone');
    write('dist/server.sources.json', '{"files": [', built);
    expect(serverBuildStaleReason(checkout)).toBe('its list of sources is unreadable');
    rmSync(join(checkout, 'dist'), { recursive: true });
    expect(serverBuildStaleReason(checkout)).toBe('not built yet');
    expect(currentBulkWorkerCode(checkout)).toBe('typescript');
  });
});

describe('a build judged by its files, as the web app build is too', () => {
  it('names the first file gone or changed since the build, relative to the checkout, whether given relative or absolute', () => {
    const files = ['services/main.ts', join(checkout, 'projections/runner/bulk-worker.ts')];
    expect(firstChangeSince(built.getTime(), checkout, files)).toBeUndefined();
    write('projections/runner/bulk-worker.ts', 'export const edited = 1;', new Date('2026-07-01T00:00:00Z'));
    expect(firstChangeSince(built.getTime(), checkout, files)).toBe('projections/runner/bulk-worker.ts changed');
    rmSync(join(checkout, 'services/main.ts'));
    expect(firstChangeSince(built.getTime(), checkout, files)).toBe('services/main.ts is gone');
  });
});
