import { readTokensFile } from '../../api/tokens.ts';
import { ValidationError } from '../../core/errors.ts';
import { ConfigurationError } from '../exit-codes.ts';
import { note } from '../output.ts';
import { loadCliConfig, tokensFileOf, type GlobalOptions } from '../session.ts';

/** Who holds a token, with what role: the tokens file holds hashes only, so no token is shown. */
export function runTokenList(globals: GlobalOptions): void {
  const file = tokensFileOf(loadCliConfig(globals));
  const tokens = readTokens(file);
  if (tokens.length === 0) {
    note(`No tokens in ${file}.`);
    return;
  }
  const rows = [['PRINCIPAL', 'ROLE', 'CODE BODIES'], ...tokens.map((t) => [t.principal, t.role, t.codeBodies.join(',') || '-'])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  note(`${tokens.length} token${tokens.length === 1 ? '' : 's'} in ${file}`);
}

export function readTokens(file: string): ReturnType<typeof readTokensFile> {
  try {
    return readTokensFile(file);
  } catch (error) {
    // An unreadable tokens file is the operator's to fix, like any other configuration.
    if (error instanceof ValidationError) throw new ConfigurationError(error.message);
    throw error;
  }
}
