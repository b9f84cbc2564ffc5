import { ensureWebBuild } from '../../services/web/server/build.ts';

/**
 * vitest globalSetup: the web app is built once before any test file runs (the servers the
 * tests start serve it from services/web/dist), and only when its sources changed.
 */
export default async function setup(): Promise<void> {
  await ensureWebBuild((line) => console.log(line));
}
