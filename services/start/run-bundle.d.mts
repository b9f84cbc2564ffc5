/** Which cache served a run: Node's own compile cache, or the code cache this module keeps. */
export type CodeCacheUse = 'node' | 'used' | 'written' | 'rejected';
/** Runs the compiled server's bundle; says which cache served it. */
export function runServerBundle(bundle: string): CodeCacheUse;
/** Runs a CommonJS file through vm.Script with its kept code cache, as Node runs it otherwise; says what it found. */
export function runWithCodeCache(file: string): Exclude<CodeCacheUse, 'node'>;
