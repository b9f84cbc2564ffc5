// Runs the compiled server (dist/server.cjs, one CommonJS bundle) with V8's compiled code kept
// between starts. Compiling the bundle was a third of a start's CPU. Node 22.1 and later keep
// that code themselves (module.enableCompileCache). Node 20 has no such cache for any module,
// so there the bundle is compiled through vm.Script, whose code cache V8 has long offered.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { setTimeout } from 'node:timers';
import vm from 'node:vm';

/** How long after the start the code cache is written: by then the start's functions are compiled. */
const WRITE_CACHE_AFTER_MS = 10_000;

/** Runs the bundle; says which cache served it. */
export function runServerBundle(bundle) {
  if (typeof module.enableCompileCache === 'function') {
    module.enableCompileCache(join(dirname(bundle), 'compile-cache'));
    createRequire(import.meta.url)(bundle);
    return 'node';
  }
  return runWithCodeCache(bundle);
}

const cacheSuffix = `.node-${process.version}-${process.arch}.v8cache`;

/**
 * V8 accepts a code cache made for any source of the same length, so its file is named by the
 * hash of the bundle's bytes (2-3 ms for the whole bundle) and the Node version. A build swaps
 * dist/ whole, taking the old caches with it.
 */
function codeCacheFile(bundle, bytes) {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return join(dirname(bundle), `${basename(bundle)}.${hash}${cacheSuffix}`);
}

/**
 * Compiles and runs a CommonJS file as Node would (its own require, module, __filename and
 * __dirname; not import()), from its code cache when one was kept. Without a usable cache one
 * is written WRITE_CACHE_AFTER_MS later, or at exit if that comes first. Returns what it found:
 * `used`, `written` (none yet) or `rejected` (V8 refused it: another V8 or other flags).
 */
export function runWithCodeCache(file) {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const cacheFile = codeCacheFile(file, bytes);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // No importModuleDynamically: on Node 20 a script compiled from its cache loses it, and its
  // import() fails (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). The server's bundle has no import().
  const script = new vm.Script(module.wrap(source), { filename: file, cachedData });
  const cache = cachedData === undefined ? 'written' : script.cachedDataRejected ? 'rejected' : 'used';
  let written = cache === 'used';
  const writeCache = () => {
    if (written) return;
    written = true;
    writeCodeCache(file, cacheFile, script.createCachedData());
  };
  if (!written) {
    setTimeout(writeCache, WRITE_CACHE_AFTER_MS).unref();
    process.once('exit', writeCache);
  }
  const exports = {};
  const fileModule = { id: file, filename: file, exports, loaded: false, children: [], paths: [] };
  script.runInThisContext().call(exports, exports, createRequire(file), fileModule, file, dirname(file));
  fileModule.loaded = true;
  return cache;
}

function writeCodeCache(file, cacheFile, data) {
  const dir = dirname(cacheFile);
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data);
    // Whole or not at all: starts running at once read either the old file or the new.
    renameSync(temporary, cacheFile);
    // A server still running an older build writes that build's cache here too: kept no longer.
    for (const other of readdirSync(dir)) {
      if (other.startsWith(`${basename(file)}.`) && other.endsWith(cacheSuffix) && join(dir, other) !== cacheFile) {
        rmSync(join(dir, other), { force: true });
      }
    }
  } catch {
    // A read-only dist/ only costs each start its compile.
    rmSync(temporary, { force: true });
  }
}
