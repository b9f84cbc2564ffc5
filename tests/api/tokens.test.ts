import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UnauthenticatedError, ValidationError } from '../../services/core/errors.ts';
import { FileTokenBook, addToken, readTokensFile } from '../../services/api/tokens.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tokensFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccag-tokens-'));
  dirs.push(dir);
  return join(dir, 'tokens.json');
}

/** Moves the file's modification time on, as a later edit would. */
function touch(path: string, seconds: number): void {
  const at = new Date(Date.now() + seconds * 1000);
  utimesSync(path, at, at);
}

describe('bearer tokens', () => {
  it('stores only the hash of a new token, and the token authenticates as its principal', () => {
    const path = tokensFile();
    const token = addToken(path, { principal: 'REC code body', role: 'editor', codeBodies: ['REC'] });
    expect(JSON.stringify(readTokensFile(path))).not.toContain(token);
    const book = new FileTokenBook(path, () => {});
    expect(book.authenticate(`Bearer ${token}`)).toEqual({ principal: 'REC code body', role: 'editor', codeBodies: ['REC'] });
    expect(() => book.authenticate('Bearer ccag_not-a-token')).toThrow(UnauthenticatedError);
    expect(() => book.authenticate(token)).toThrow(/Bearer <token>/);
  });

  it('follows the file: a token added or revoked later takes effect without a restart', () => {
    const path = tokensFile();
    const first = addToken(path, { principal: 'secretariat', role: 'secretariat', codeBodies: [] });
    let now = 0;
    const book = new FileTokenBook(
      path,
      () => {},
      () => now,
    );
    const second = addToken(path, { principal: 'auditor', role: 'auditor', codeBodies: [] });
    touch(path, 5);
    now += 1500;
    expect(book.authenticate(`Bearer ${second}`).principal).toBe('auditor');

    const kept = readTokensFile(path).filter((t) => t.principal !== 'secretariat');
    writeFileSync(path, JSON.stringify({ tokens: kept }));
    touch(path, 10);
    now += 1500;
    expect(() => book.authenticate(`Bearer ${first}`)).toThrow(/revoked/);
  });

  it('accepts a token added a moment after the server last looked at the file (a sign-in link followed at once)', () => {
    const path = tokensFile();
    addToken(path, { principal: 'secretariat', role: 'secretariat', codeBodies: [] });
    let now = 0;
    const book = new FileTokenBook(
      path,
      () => {},
      () => now,
    );
    // The server's timer looked at the file just before `ccag token create` wrote it.
    book.refresh();
    const created = addToken(path, { principal: 'link-reader', role: 'reader', codeBodies: [] });
    touch(path, 5);
    now += 100;
    expect(book.authenticate(`Bearer ${created}`).principal).toBe('link-reader');
    expect(() => book.authenticate('Bearer ccag_not-a-token')).toThrow(UnauthenticatedError);
  });

  it('refuses a bad file at start-up, and keeps the tokens it has when a later edit is bad', () => {
    const path = tokensFile();
    writeFileSync(path, JSON.stringify({ tokens: [{ principal: 'x', role: 'king', sha256: 'nope' }] }));
    expect(() => new FileTokenBook(path, () => {})).toThrow(ValidationError);

    rmSync(path);
    const token = addToken(path, { principal: 'secretariat', role: 'secretariat', codeBodies: [] });
    const warnings: string[] = [];
    let now = 0;
    const book = new FileTokenBook(
      path,
      (m) => warnings.push(m),
      () => now,
    );
    writeFileSync(path, '{ not json');
    touch(path, 5);
    now += 1500;
    expect(book.authenticate(`Bearer ${token}`).principal).toBe('secretariat');
    expect(warnings).toEqual([expect.stringContaining('cannot be read, so the tokens of its last good read stay in force')]);
    expect(book.problem).toContain('cannot be read');
  });
});
