/** dist/ of the checkout at `repositoryDir`. */
export function serverBuildDir(repositoryDir: string): string;
/** The name, in dist/, of the list of files the bundle was built from. */
export const SOURCES_MANIFEST: string;
/** Why the build in `repositoryDir`/dist must be made (again), or undefined when it is up to date. */
export function serverBuildStaleReason(repositoryDir: string): string | undefined;
/** The first of `files` (inside `repositoryDir`) gone or changed after `builtAt` (ms), as a build log words it; undefined when none. */
export function firstChangeSince(builtAt: number, repositoryDir: string, files: readonly string[]): string | undefined;
