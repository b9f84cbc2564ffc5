import { existsSync } from 'node:fs';
import { UnavailableError } from '../../core/errors.ts';

const debianChromium = '/usr/bin/chromium';

/** Flags for a headless Chromium on a server: no sandbox (often root in a container), no network of its own. */
const quietFlags = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];

export interface ChromiumFound {
  readonly executablePath: string;
  readonly args: readonly string[];
  /** Which one, for messages: "/usr/bin/chromium" or "@sparticuz/chromium (...)". */
  readonly which: string;
}

/**
 * The Chromium to print with: Debian's when installed, else the one the npm package
 * @sparticuz/chromium ships (a dev dependency of the register). Neither: a clear error.
 */
export async function findChromium(): Promise<ChromiumFound> {
  if (existsSync(debianChromium)) return { executablePath: debianChromium, args: quietFlags, which: debianChromium };
  let sparticuz: { executablePath(): Promise<string>; args: string[] };
  try {
    sparticuz = ((await import('@sparticuz/chromium')) as { default: typeof sparticuz }).default;
  } catch {
    throw new UnavailableError(
      "printing the pack as PDF needs Chromium, and none is installed: install Debian's (apt-get install chromium, giving /usr/bin/chromium) or the npm package @sparticuz/chromium; html, pptx and md need neither",
    );
  }
  const executablePath = await sparticuz.executablePath();
  // Its --single-process (made for serverless runs) ends the whole browser when a context closes.
  const args = [...sparticuz.args.filter((arg) => arg !== '--single-process'), ...quietFlags];
  return { executablePath, args, which: `@sparticuz/chromium (${executablePath})` };
}
