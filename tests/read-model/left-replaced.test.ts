import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadModel } from '../../projections/read-model/read-model.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a swapped-out read model a crash left behind', () => {
  it('is removed when the read model is next opened under its lock; a damaged one set aside is kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccag-replaced-'));
    dirs.push(dir);
    const path = join(dir, 'read-model.db');
    new ReadModel(path).close();
    const left = 'read-model.db.replaced-0b6f6a38-5a3e-4f0e-9d0c-2f5d5f3c1e11';
    for (const name of [left, `${left}-wal`, `${left}-shm`, 'read-model.db.corrupt-2026-12-01T21-50-00-000Z', 'other.db.replaced-1']) {
      writeFileSync(join(dir, name), 'x'.repeat(1024));
    }

    const reopened = new ReadModel(path);
    reopened.close();
    expect(
      readdirSync(dir)
        .filter((name) => name.includes('.replaced-') || name.includes('.corrupt-'))
        .sort(),
    ).toEqual(['other.db.replaced-1', 'read-model.db.corrupt-2026-12-01T21-50-00-000Z']);
  });

  it('is left alone by an opener that does not hold the lock (ccag rebuild --force beside a running server)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccag-replaced-'));
    dirs.push(dir);
    const path = join(dir, 'read-model.db');
    new ReadModel(path).close();
    writeFileSync(join(dir, 'read-model.db.replaced-1'), 'x');
    new ReadModel(path, { ignoreLock: true }).close();
    expect(readdirSync(dir)).toContain('read-model.db.replaced-1');
  });
});
