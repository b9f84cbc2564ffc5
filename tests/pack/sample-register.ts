import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../services/config.ts';
import { loadCcag35To36Sample } from '../../samples/ccag-35-36/load.ts';
import { openRegisterForTest, type OpenedRegister } from '../support/opened-register.ts';

export interface SampleRegister {
  readonly register: OpenedRegister;
  close(): Promise<void>;
}

/** The CCAG #35 -> #36 sample on a fresh embedded store (read model in memory), as the pack tests read it. */
export async function openSampleRegister(): Promise<SampleRegister> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccag-pack-test-'));
  const config = loadConfig({ NODE_ENV: 'test', READ_MODEL: 'memory', DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'OFF', LOG_LEVEL: 'silent' });
  const register = await openRegisterForTest({ config, logger: { info: () => {}, warn: () => {}, error: () => {} } });
  await loadCcag35To36Sample(register);
  return {
    register,
    async close() {
      await register.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
