/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import axe from 'axe-core';
import { findChromium } from '../../services/pack/render/chromium.ts';

/** Screenshots of the views the browser tests open (git-ignored test artifacts). */
export const artifactsDir = resolve(import.meta.dirname, '../../test-artifacts/web');

/**
 * Debian's Chromium when installed, else the Chromium that the npm package @sparticuz/chromium
 * ships (no download at test time), found as the pack's PDF printing finds it. Prints which one ran.
 */
export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args, which } = await findChromium();
  const browser = await chromium.launch({ executablePath, args: [...args], headless: true });
  console.log(`Browser tests run in ${which}, Chromium ${browser.version()}`);
  mkdirSync(artifactsDir, { recursive: true });
  return browser;
}

export interface UserContext {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests the page tried to make to any host but the register's own (all refused). */
  readonly foreignRequests: string[];
  /** console.error messages and uncaught page errors. */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * A browser context for one person: every request to a host other than the register's is
 * refused and recorded, console errors are recorded.
 */
export async function openUserContext(browser: Browser, origin: string): Promise<UserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const own = new URL(origin).host;
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'ws:') && url.host === own) return route.continue();
    if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    foreignRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  // Well under the test's own timeout, so a stuck step fails with Playwright's account of it.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const watch = (p: Page) => {
    p.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    p.on('pageerror', (error) => consoleErrors.push(error.message));
  };
  watch(page);
  context.on('page', watch);
  return { context, page, foreignRequests, consoleErrors, close: () => context.close() };
}

/** Runs axe-core in the page; the violations of impact serious or critical. */
export async function seriousAccessibilityViolations(
  page: Page,
): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  // Evaluated over the DevTools protocol, so the page's Content-Security-Policy does not apply.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => String(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const screenshotPath = (name: string) => join(artifactsDir, `${name}.png`);
