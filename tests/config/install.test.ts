import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** What `npm ci` on a fresh clone installs: the root lockfile, read as npm reads it. */
const lockfile = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>;
};
const packageName = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
const benchPackage = JSON.parse(readFileSync(new URL('../../bench/package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('the install a user gets', () => {
  it('compiles no sqlite3: the Emmett comparison and its sqlite3 live in the bench package', () => {
    const installed = Object.keys(lockfile.packages)
      .filter((path) => path !== '')
      .map(packageName);
    expect(installed).not.toContain('sqlite3');
    expect(installed.filter((name) => name.startsWith('@event-driven-io/'))).toEqual([]);
    expect(Object.keys(benchPackage.dependencies)).toEqual(
      expect.arrayContaining(['@event-driven-io/emmett', '@event-driven-io/emmett-sqlite']),
    );
  });
});
