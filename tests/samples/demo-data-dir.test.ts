import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseDemoDataDir } from '../../samples/data-dir.ts';

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

  it('makes a new directory when DATA_DIR holds anything', () => {
    const dir = join(root, 'users-data');
    mkdirSync(dir);
    writeFileSync(join(dir, 'events.db'), '');
    expect(chooseDemoDataDir(dir, temporary)).toEqual({ path: temporary(), temporary: true });
  });

  it('makes a new directory when DATA_DIR names a file', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    expect(chooseDemoDataDir(file, temporary)).toEqual({ path: temporary(), temporary: true });
  });

  it('makes a new directory when DATA_DIR is not set, rather than using ./data', () => {
    expect(chooseDemoDataDir(undefined, temporary)).toEqual({ path: temporary(), temporary: true });
  });
});
