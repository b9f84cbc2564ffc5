import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { UnauthenticatedError, ValidationError } from '../core/errors.ts';
import { anonymousCaller, roleSchema, type Caller } from '../access.ts';

/** A token as the operator configures it: only its SHA-256 is stored. */
export const tokenEntrySchema = z.object({
  principal: z.string().min(1),
  role: roleSchema,
  codeBodies: z.array(z.string().min(1)).default([]),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the token, 64 hex digits'),
});
export type TokenEntry = z.infer<typeof tokenEntrySchema>;

export const tokensFileSchema = z.object({ tokens: z.array(tokenEntrySchema) });

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateToken(): string {
  return `ccag_${randomBytes(24).toString('base64url')}`;
}

/** Looks bearer tokens up by their hash. */
export class TokenBook {
  protected byHash: Map<string, TokenEntry>;

  constructor(entries: readonly TokenEntry[]) {
    this.byHash = new Map(entries.map((e) => [e.sha256, e]));
  }

  get size(): number {
    return this.byHash.size;
  }

  /** True while a token with this SHA-256 is in the book (false once it is revoked). */
  has(sha256: string): boolean {
    return this.byHash.has(sha256);
  }

  /** Why the book may be out of date (its file cannot be read), or undefined. */
  get problem(): string | undefined {
    return undefined;
  }

  /** Picks up a change to where the tokens come from; a book held in memory has none. */
  refresh(): void {}

  /** The SHA-256 of the token in an Authorization header, or undefined when there is none. */
  static tokenHashOf(authorization: string | undefined): string | undefined {
    const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
    return match ? hashToken(match[1]!) : undefined;
  }

  /** The caller for an Authorization header; anonymous without one; UNAUTHENTICATED for a bad one. */
  authenticate(authorization: string | undefined): Caller {
    if (authorization === undefined || authorization === '') return anonymousCaller;
    const hash = TokenBook.tokenHashOf(authorization);
    if (hash === undefined) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
    const entry = this.byHash.get(hash);
    // Compare in constant time what the map lookup found, so a near-miss reveals nothing.
    if (!entry || !timingSafeEqual(Buffer.from(entry.sha256, 'hex'), Buffer.from(hash, 'hex'))) {
      throw new UnauthenticatedError('Unknown or revoked token');
    }
    return { principal: entry.principal, role: entry.role, codeBodies: entry.codeBodies };
  }
}

/**
 * A token book that follows its file, so adding or revoking a token (`ccag token create`)
 * takes effect without a restart. A file that does not read (half written, bad JSON, a bad
 * entry, no permission) keeps the tokens of the last good read: it revokes nothing new,
 * grants nothing new (no token added after that read is accepted), and a token an earlier
 * good read revoked stays revoked. `problem` says so until the file reads again.
 */
export class FileTokenBook extends TokenBook {
  private modified = '';
  private lookedAt = 0;
  private unreadable: string | undefined;

  /** `warn` is the server's logger: a file that stops reading is an operator's business, in the server's log. */
  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    // At start-up a bad file is a configuration error, not a warning.
    super(readTokensFile(path));
    this.modified = fileSignature(path);
  }

  override get problem(): string | undefined {
    return this.unreadable;
  }

  /** Reloads now if the file changed (the server calls this a few times a second). */
  override refresh(): void {
    this.lookedAt = this.now();
    if (fileSignature(this.path) !== this.modified) this.reload();
  }

  override authenticate(authorization: string | undefined): Caller {
    if (authorization) this.reloadIfChanged();
    try {
      return super.authenticate(authorization);
    } catch (error) {
      // A token created a moment ago (a sign-in link followed at once) can be newer than the
      // last look at the file: before refusing it, the file is looked at again (one stat).
      if (!(error instanceof UnauthenticatedError) || fileSignature(this.path) === this.modified) throw error;
      this.reload();
      return super.authenticate(authorization);
    }
  }

  private reloadIfChanged(): void {
    const now = this.now();
    if (now - this.lookedAt < 1000) return;
    this.lookedAt = now;
    if (fileSignature(this.path) !== this.modified) this.reload();
  }

  private reload(): void {
    this.modified = fileSignature(this.path);
    try {
      this.byHash = new Map(readTokensFile(this.path).map((e) => [e.sha256, e]));
      this.unreadable = undefined;
    } catch (error) {
      this.unreadable = `tokens file ${this.path} cannot be read, so the tokens of its last good read stay in force (none added since is accepted): ${(error as Error).message}`;
      this.warn(this.unreadable);
    }
  }
}

/** Changes when the file is written, replaced or has its permissions changed. */
function fileSignature(path: string): string {
  if (!existsSync(path)) return 'absent';
  const stat = statSync(path);
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
}

export function readTokensFile(path: string): TokenEntry[] {
  if (!existsSync(path)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ValidationError([{ path: ['TOKENS_FILE'], message: `cannot read ${path}: ${(error as Error).message}` }]);
  }
  const parsed = tokensFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ path: ['TOKENS_FILE', ...i.path.map(String)], message: i.message })));
  }
  return parsed.data.tokens;
}

/** Adds a token to the file (creating it) and returns the token text, shown once. */
export function addToken(path: string, entry: Omit<TokenEntry, 'sha256'>): string {
  const token = generateToken();
  const tokens = readTokensFile(path).filter((t) => t.principal !== entry.principal);
  tokens.push({ ...entry, sha256: hashToken(token) });
  writeTokensFile(path, tokens);
  return token;
}

/** Removes a principal's token from the file; returns it, or undefined when it had none. */
export function removeToken(path: string, principal: string): TokenEntry | undefined {
  const tokens = readTokensFile(path);
  const removed = tokens.find((t) => t.principal === principal);
  if (removed)
    writeTokensFile(
      path,
      tokens.filter((t) => t !== removed),
    );
  return removed;
}

function writeTokensFile(path: string, tokens: readonly TokenEntry[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ tokens }, null, 2)}\n`, { mode: 0o600 });
}
