/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../services/server.ts';
import { addToken } from '../../services/api/tokens.ts';
import { loadCcag35To36Sample } from '../../samples/ccag-35-36/load.ts';
import { launchBrowser, openUserContext } from '../support/browser.ts';

// The meetings view's "Download pack", in a real browser against a real register with the sample.
let server: RunningServer;
let browser: Browser;
let dataDir: string;
const tokens = { secretariat: '', reader: '' };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ccag-pack-web-'));
  const tokensFile = join(dataDir, 'tokens.json');
  tokens.secretariat = addToken(tokensFile, { principal: 'ccag-secretariat', role: 'secretariat', codeBodies: [] });
  tokens.reader = addToken(tokensFile, { principal: 'a-reader', role: 'reader', codeBodies: [] });
  server = await startServer({
    env: { NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, READ_MODEL: 'memory', LOG_LEVEL: 'silent' },
    beforeListen: async (register) => void (await loadCcag35To36Sample(register)),
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(token: string) {
  const user = await openUserContext(browser, server.url);
  // Building a deck takes seconds of CPU; on a busy machine each step may wait longer than the context's default.
  user.context.setDefaultTimeout(60_000);
  await user.page.goto(`${server.url}/sign-in#token=${encodeURIComponent(token)}`);
  await user.page.getByTestId('principal').waitFor();
  await user.page.goto(`${server.url}/meetings`);
  await user.page.getByRole('table', { name: 'CCAG meetings' }).waitFor();
  return user;
}

describe('Download pack in the meetings view', () => {
  it('builds CCAG #36 as slides and saves the deck the register built', async () => {
    const user = await signedIn(tokens.secretariat);
    try {
      const row = user.page.getByRole('row').filter({ hasText: 'CCAG #36' });
      await row.getByLabel('Pack format for CCAG #36').selectOption('PPTX');
      await row.getByRole('button', { name: 'Download pack' }).click();
      const save = row.getByRole('link', { name: 'Save ccag-36-pack.pptx' });
      await save.waitFor({ timeout: 120_000 });
      const [download] = await Promise.all([user.page.waitForEvent('download'), save.click()]);
      expect(download.suggestedFilename()).toBe('ccag-36-pack.pptx');
      const saved = readFileSync(await download.path());
      // A zip (PK), as the API's base64 decoded: the same deck `ccag pack` writes.
      expect(saved.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(user.foreignRequests).toEqual([]);
      expect(user.consoleErrors).toEqual([]);
    } finally {
      await user.close();
    }
  }, 180_000);

  it('is not offered to a reader, whom the register would refuse', async () => {
    const user = await signedIn(tokens.reader);
    try {
      await user.page.getByRole('row').filter({ hasText: 'CCAG #36' }).waitFor();
      expect(await user.page.getByRole('button', { name: 'Download pack' }).count()).toBe(0);
    } finally {
      await user.close();
    }
  }, 60_000);
});
