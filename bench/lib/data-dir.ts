import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { addToken } from '../../services/api/tokens.ts';
import { resetDir } from './tmp.ts';
import type { BuiltLog } from '../fixtures/log-builder.ts';
import { readModelPath } from '../fixtures/open.ts';

/*
 * A data folder as an operator's register has one after running for a while: the log
 * (events.db), the read model caught up with it, the signing key its meetings were signed
 * with, and a tokens file with a reader and a secretariat. `npm start` is pointed at it.
 */

export interface PreparedDataDir {
  /** The environment `npm start` gets: production, this folder, the store at FULL. */
  readonly env: Readonly<Record<string, string>>;
  readonly readerToken: string;
  readonly secretariatToken: string;
}

export function prepareDataDir(dir: string, log: BuiltLog, builtDataDir: string): PreparedDataDir {
  const dataDir = resetDir(dir);
  copyFileSync(log.path, join(dataDir, 'events.db'));
  copyFileSync(readModelPath(builtDataDir), readModelPath(dataDir));
  const tokensFile = join(dataDir, 'tokens.json');
  const readerToken = addToken(tokensFile, { principal: 'dashboard', role: 'reader', codeBodies: [] });
  const secretariatToken = addToken(tokensFile, { principal: 'ccag-secretariat', role: 'secretariat', codeBodies: [] });
  return {
    env: {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      TOKENS_FILE: tokensFile,
      SIGNING_KEY_FILE: log.signingKeyFile,
      SQLITE_SYNCHRONOUS: 'FULL',
      READ_MODEL: 'file',
      // Out of the way of the load generator; every other limit is the default.
      RATE_LIMIT_PER_MINUTE: '100000000',
    },
    readerToken,
    secretariatToken,
  };
}
