/** Which cache served a run: Node's own compile cache, or the code cache this module keeps. */
export type CodeCacheUse = 'node' | 'used' | 'written' | 'rejected';
/** Runs the compiled server's bundle; says which cache served it. */
export function runServerBundle(bundle: string): CodeCacheUse;
/** Where the code cache of `bundle` (whose content is `bytes`) is kept for this Node version. */
export function codeCacheFile(bundle: string, bytes: Uint8Array): string;
/** Runs a CommonJS file through vm.Script with its kept code cache, as Node runs it otherwise. */
export function runWithCodeCache(
  file: string,
  options?: { writeAfterMs?: number },
): { cache: Exclude<CodeCacheUse, 'node'>; cacheFile: string; writeCache(): void };
