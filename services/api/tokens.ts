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

  /** The caller for an Authorization header; anonymous without one; UNAUTHENTICATED for a bad one. */
  authenticate(authorization: string | undefined): Caller {
    if (authorization === undefined || authorization === '') return anonymousCaller;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
    const hash = hashToken(match[1]!);
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
 * takes effect without a restart. The file is looked at most once a second; a file that
 * does not read keeps the tokens last read, and says so.
 */
export class FileTokenBook extends TokenBook {
  private modified = -1;
  private lookedAt = 0;

  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void = (m) => console.warn(m),
    private readonly now: () => number = Date.now,
  ) {
    // At start-up a bad file is a configuration error, not a warning.
    super(readTokensFile(path));
    this.modified = existsSync(path) ? statSync(path).mtimeMs : 0;
  }

  override authenticate(authorization: string | undefined): Caller {
    if (authorization) this.reloadIfChanged();
    return super.authenticate(authorization);
  }

  private reloadIfChanged(): void {
    const now = this.now();
    if (now - this.lookedAt < 1000) return;
    this.lookedAt = now;
    const modified = existsSync(this.path) ? statSync(this.path).mtimeMs : 0;
    if (modified !== this.modified) this.reload();
  }

  private reload(): void {
    this.modified = existsSync(this.path) ? statSync(this.path).mtimeMs : 0;
    try {
      this.byHash = new Map(readTokensFile(this.path).map((e) => [e.sha256, e]));
    } catch (error) {
      this.warn(`tokens file ${this.path} could not be read; keeping the tokens read before: ${(error as Error).message}`);
    }
  }
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
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ tokens }, null, 2)}\n`, { mode: 0o600 });
  return token;
}
