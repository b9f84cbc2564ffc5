import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Caller } from './access.ts';
import { FileTokenBook, hashToken, readTokensFile } from './api/tokens.ts';

const pendingSchema = z.object({ token: z.string().min(1), principal: z.string().min(1) });

/**
 * The development token made on a first start, kept (mode 0600) in DATA_DIR/first-token.json
 * until a request authenticates with it. A start that fails after making it (port in use)
 * would otherwise leave a token nobody ever saw; the next start shows it again instead.
 */
export class FirstToken {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'first-token.json');
  }

  remember(token: string, principal: string): void {
    mkdirSync(join(this.file, '..'), { recursive: true });
    writeFileSync(this.file, `${JSON.stringify({ token, principal }, null, 2)}\n`, { mode: 0o600 });
  }

  /** The remembered token while the tokens file still holds it; forgets one revoked or replaced. */
  unused(tokensFile: string): string | undefined {
    if (!existsSync(this.file)) return undefined;
    const parsed = pendingSchema.safeParse(safeJson(readFileSync(this.file, 'utf8')));
    const hash = parsed.success ? hashToken(parsed.data.token) : undefined;
    if (parsed.success && readTokensFile(tokensFile).some((entry) => entry.sha256 === hash)) return parsed.data.token;
    this.forget();
    return undefined;
  }

  forget(): void {
    rmSync(this.file, { force: true });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The server's token book: forgets the remembered first token once a request has used it. */
export class FirstUseTokenBook extends FileTokenBook {
  constructor(
    path: string,
    private readonly first: FirstToken,
    private pending: string | undefined,
    warn: (message: string) => void,
  ) {
    super(path, warn);
  }

  override authenticate(authorization: string | undefined): Caller {
    const caller = super.authenticate(authorization);
    if (this.pending !== undefined && authorization !== undefined && bearerToken(authorization) === this.pending) {
      this.first.forget();
      this.pending = undefined;
    }
    return caller;
  }
}

function bearerToken(authorization: string): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
}
