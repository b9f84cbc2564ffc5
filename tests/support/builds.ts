import { ensureServerBuild } from '../../services/start/build-server.mjs';
import { ensureWebBuild } from '../../services/web/server/build.ts';

/**
 * vitest globalSetup: the web app and the server are built once before any test file runs, and
 * only when their sources changed. The servers the tests start serve the web app from
 * services/web/dist; worker threads load their compiled entries from dist/ when it is up to date
 * (projections/runner/bulk-catch-up.ts), as under `npm start`.
 */
export default async function setup(): Promise<void> {
  await ensureWebBuild((line) => console.log(line));
  await ensureServerBuild((line) => console.log(line));
}
