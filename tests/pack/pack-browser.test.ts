/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildPack } from '../../services/pack/pack.ts';
import { artifactsDir, launchBrowser, screenshotPath } from '../support/browser.ts';
import { openSampleRegister, type SampleRegister } from './sample-register.ts';

/** A4 landscape less the pack's 10 mm print margins, in CSS pixels (96 per inch). */
const printableWidth = Math.floor(((297 - 20) / 25.4) * 96);
const printableHeight = Math.floor(((210 - 20) / 25.4) * 96);

let sample: SampleRegister;
let browser: Browser;

beforeAll(async () => {
  sample = await openSampleRegister();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await sample?.close();
});

describe('the pack in a real browser', () => {
  it('prints at A4 landscape with nothing cut off: no element and no cell content wider than the page', async () => {
    const pack = await buildPack(sample.register, { meeting: 36, format: 'html' });
    const html = pack.content.toString('utf8');
    writeFileSync(`${artifactsDir}/pack-36.html`, html);
    const page = await browser.newPage({ viewport: { width: printableWidth, height: printableHeight } });
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      outside.push(route.request().url());
      return route.abort();
    });
    try {
      await page.emulateMedia({ media: 'print' });
      await page.setContent(html, { waitUntil: 'load' });
      const overflow = await page.evaluate((limit) => {
        const problems: string[] = [];
        const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').slice(0, 40)}"`;
        for (const el of Array.from(document.body.querySelectorAll('*'))) {
          const box = el.getBoundingClientRect();
          if (box.right > limit + 0.5) problems.push(`${name(el)} ends at ${box.right.toFixed(0)}px`);
          // Content wider than its own box is cut off or spills over its neighbour.
          if ((el.tagName === 'TD' || el.tagName === 'TH' || el.tagName === 'P') && el.scrollWidth > el.clientWidth + 1) {
            problems.push(`${name(el)} holds ${el.scrollWidth}px in ${el.clientWidth}px`);
          }
        }
        return { problems, scrollWidth: document.documentElement.scrollWidth, sections: document.querySelectorAll('section.page').length };
      }, printableWidth);
      expect(overflow.problems).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(printableWidth);
      expect(overflow.sections).toBe(10);
      // Each section starts a printed page.
      const breaks = await page.$$eval('section.page', (sections) => sections.map((s) => getComputedStyle(s).breakAfter));
      expect(breaks.slice(0, -1).every((b) => b === 'page')).toBe(true);
      // The heat grid: the score cell is marked, the others shaded by band.
      const r920 = await page.$$eval('table.grid tbody tr', (rows) =>
        (rows as HTMLTableRowElement[])
          .filter((r) => r.cells[0]?.textContent === 'R920')
          .map((r) => Array.from(r.cells).findIndex((c) => c.classList.contains('mark'))),
      );
      expect(r920).toEqual([2 + 30 - 10]);
      await page.screenshot({ path: screenshotPath('pack-36-print'), fullPage: true });
      expect(outside).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('prints the PDF with Chromium: a PDF of a page or more per section', async () => {
    const pack = await buildPack(sample.register, { meeting: 36, format: 'pdf' });
    expect(pack.mediaType).toBe('application/pdf');
    expect(pack.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pack.content.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(10);
    writeFileSync(`${artifactsDir}/pack-36.pdf`, pack.content);
  }, 90_000);
});
