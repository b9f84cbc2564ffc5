import { chromium } from 'playwright-core';
import { UnavailableError } from '../../core/errors.ts';
import { findChromium } from './chromium.ts';

/** Prints the pack's HTML to an A4 landscape PDF with its print CSS, backgrounds (band shading) included. */
export async function printPdf(html: string): Promise<Buffer> {
  const found = await findChromium();
  let browser;
  try {
    browser = await chromium.launch({ executablePath: found.executablePath, args: [...found.args], headless: true });
  } catch (error) {
    throw new UnavailableError(`cannot start Chromium (${found.which}) to print the PDF: ${(error as Error).message.split('\n')[0]}`, {
      cause: error,
    });
  }
  try {
    const page = await browser.newPage();
    // The pack is self-contained: nothing it loads may leave the machine.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, format: 'A4', landscape: true });
  } finally {
    await browser.close();
  }
}
