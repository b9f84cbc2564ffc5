import { removeToken } from '../../api/tokens.ts';
import { UsageError } from '../exit-codes.ts';
import { note } from '../output.ts';
import { loadCliConfig, tokensFileOf, type GlobalOptions } from '../session.ts';
import { readTokens } from './token-list.ts';

export interface TokenRevokeOptions {
  readonly principal: string;
}

export function runTokenRevoke(options: TokenRevokeOptions, globals: GlobalOptions): void {
  const file = tokensFileOf(loadCliConfig(globals));
  const principal = options.principal.trim();
  const known = readTokens(file).map((t) => t.principal);
  if (!known.includes(principal)) {
    throw new UsageError(
      `no token for principal "${principal}" in ${file}; ${known.length === 0 ? 'it holds none' : `tokens are held by: ${known.join(', ')}`}`,
    );
  }
  removeToken(file, principal);
  note(`Token for ${principal} revoked in ${file}; a running server refuses it within a second.`);
}
