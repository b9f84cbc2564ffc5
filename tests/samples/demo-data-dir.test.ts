import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoDataDirRefused, chooseDemoDataDir } from '../../samples/data-dir.ts';

/** `npm run demo` loads a fresh store: it must never open or write over a user's data. */
describe('the demo data directory', () => {
  let root: string;
  const temporary = () => join(root, 'made-for-the-demo');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ccag-demo-dir-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('uses DATA_DIR when that directory does not exist yet', () => {
    const dir = join(root, 'new');
    expect(chooseDemoDataDir(dir, temporary)).toEqual({ path: dir, temporary: false });
  });

  it('uses DATA_DIR when that directory is empty', () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    expect(chooseDemoDataDir(dir, temporary)).toEqual({ path: dir, temporary: false });
  });

  it('refuses a DATA_DIR that holds anything, saying why and what to do', () => {
    const dir = join(root, 'users-data');
    mkdirSync(dir);
    writeFileSync(join(dir, 'events.db'), '');
    expect(() => chooseDemoDataDir(dir, temporary)).toThrow(DemoDataDirRefused);
    expect(() => chooseDemoDataDir(dir, temporary)).toThrow(
      `DATA_DIR=${dir} already holds 1 entry; the demo loads its sample into a fresh store and never mixes it with other data. ` +
        'Name a new or empty directory, or unset DATA_DIR for a temporary one.',
    );
  });

  it('refuses a DATA_DIR that names a file', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    expect(() => chooseDemoDataDir(file, temporary)).toThrow(`DATA_DIR=${file} is a file, not a directory`);
  });

  it('makes a new directory when DATA_DIR is not set, rather than using ./data', () => {
    expect(chooseDemoDataDir(undefined, temporary)).toEqual({ path: temporary(), temporary: true });
  });
});
