// Where the compiled server lives and whether it is up to date with its sources. No side
// effects at import: build-server.mjs uses it, and so do source runs (tsx, vitest) that load
// the compiled worker entries when the build is up to date (projections/runner/bulk-catch-up.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** dist/ of the checkout at `repositoryDir`. */
export function serverBuildDir(repositoryDir) {
  return join(repositoryDir, 'dist');
}

/** Every file the bundle was built from, as the build saw it (written beside the bundle). */
export const SOURCES_MANIFEST = 'server.sources.json';

/**
 * Why the build in `repositoryDir`/dist must be made (again), or undefined when it is up to
 * date: missing, or older than a file it was built from or the lock file. A new source file
 * only matters once an existing one imports it, and that edit makes the importer newer than
 * the bundle.
 */
export function serverBuildStaleReason(repositoryDir) {
  const dir = serverBuildDir(repositoryDir);
  const bundle = join(dir, 'server.mjs');
  const manifest = join(dir, SOURCES_MANIFEST);
  if (!existsSync(bundle) || !existsSync(manifest)) return 'not built yet';
  const builtAt = statSync(bundle).mtimeMs;
  let files;
  try {
    files = JSON.parse(readFileSync(manifest, 'utf8')).files;
  } catch {
    return 'its list of sources is unreadable';
  }
  for (const file of [...files, 'package-lock.json']) {
    const path = join(repositoryDir, file);
    if (!existsSync(path)) return `${file} is gone`;
    if (statSync(path).mtimeMs > builtAt) return `${file} changed`;
  }
  return undefined;
}
