import { roleSchema } from '../../access.ts';
import { addToken } from '../../api/tokens.ts';
import { ValidationError } from '../../core/errors.ts';
import { ConfigurationError, UsageError } from '../exit-codes.ts';
import { note } from '../output.ts';
import { loadCliConfig, tokensFileOf, type GlobalOptions } from '../session.ts';

export interface TokenCreateOptions {
  readonly principal: string;
  readonly role: string;
  readonly codeBody?: readonly string[];
  /** true: the configured HOST:PORT; a string: the register's public address. */
  readonly loginUrl?: boolean | string;
}

export function runTokenCreate(options: TokenCreateOptions, globals: GlobalOptions): void {
  const config = loadCliConfig(globals);
  const role = roleSchema.safeParse(options.role);
  if (!role.success) throw new UsageError(`--role ${options.role}: expected one of ${roleSchema.options.join(', ')}`);
  const principal = options.principal.trim();
  if (principal === '') throw new UsageError('--principal must name someone');
  const codeBodies = (options.codeBody ?? [])
    .flatMap((c) => c.split(','))
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const unknown = codeBodies.filter((c) => !config.rules.codeBodies.some((b) => b.code === c));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown code bod${unknown.length === 1 ? 'y' : 'ies'} ${unknown.join(', ')}; known: ${config.rules.codeBodies.map((b) => b.code).join(', ')}`,
    );
  }
  if (role.data === 'editor' && codeBodies.length === 0) note('warning: an editor without --code-body may change nothing');
  // A bad address is refused before a token is issued.
  const linkBase = options.loginUrl ? signInBase(options.loginUrl, config) : undefined;
  const file = tokensFileOf(config);
  let issued: string;
  try {
    issued = addToken(file, { principal, role: role.data, codeBodies });
  } catch (error) {
    // An unreadable tokens file is the operator's to fix, like any other configuration.
    if (error instanceof ValidationError) throw new ConfigurationError(error.message);
    throw error;
  }
  process.stdout.write(`${linkBase ? `${linkBase}/sign-in#token=${encodeURIComponent(issued)}` : issued}\n`);
  note(`Token for ${principal} (${role.data}) added to ${file}. It is shown once: keep it now.`);
}

/**
 * Where the web app is, for a sign-in link: the token goes in the link's fragment, which
 * browsers never send to a server.
 */
function signInBase(base: true | string, config: { host: string; port: number }): string {
  let origin: URL;
  try {
    origin = new URL(base === true ? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}` : base);
  } catch {
    throw new UsageError(`--login-url ${String(base)}: not an address (expected e.g. https://register.example.org)`);
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:')
    throw new UsageError(`--login-url ${String(base)}: must be http:// or https://`);
  const path = origin.pathname.replace(/\/+$/, '');
  return `${origin.origin}${path}`;
}
