// Where the compiled server lives and whether it is up to date with its sources. No side
// effects at import: build-server.mjs uses it, and so do source runs (tsx, vitest) that load
// the compiled worker entries when the build is up to date (projections/runner/bulk-catch-up.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

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
  const bundle = join(dir, 'server.cjs');
  const manifest = join(dir, SOURCES_MANIFEST);
  if (!existsSync(bundle) || !existsSync(manifest)) return 'not built yet';
  const builtAt = statSync(bundle).mtimeMs;
  let files;
  try {
    files = JSON.parse(readFileSync(manifest, 'utf8')).files;
  } catch {
    return 'its list of sources is unreadable';
  }
  return firstChangeSince(builtAt, repositoryDir, [...files, 'package-lock.json']);
}

/**
 * The first of `files` (paths inside `repositoryDir`, relative or absolute) that is gone or was
 * changed after `builtAt` (ms), in the words a build log gives it; undefined when none was. The
 * server's build and the web app's (services/web/server/build.ts) are judged by it alike.
 */
export function firstChangeSince(builtAt, repositoryDir, files) {
  for (const file of files) {
    const path = resolve(repositoryDir, file);
    const name = relative(repositoryDir, path);
    if (!existsSync(path)) return `${name} is gone`;
    if (statSync(path).mtimeMs > builtAt) return `${name} changed`;
  }
  return undefined;
}
