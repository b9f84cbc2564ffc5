// Compiles the server (services/main.ts and everything it imports) ahead of time into
// dist/server.cjs, so `npm start` loads JavaScript instead of transpiling the TypeScript at
// every start. One CommonJS file, because Node 20 keeps compiled code between starts only for
// scripts (services/start/run-bundle.mjs); the bulk catch-up worker's entry is an ES module,
// dist/bulk-worker.mjs. The pure-JavaScript packages the server loads to listen (fastify,
// mercurius, graphql, zod...) go into the bundle too: resolving and reading some 400 package
// files one by one was a quarter of the start's CPU. `npm run build:server`
// runs this file.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SOURCES_MANIFEST, serverBuildDir, serverBuildStaleReason as staleReasonIn } from './server-build.mjs';

export const repositoryDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundleDir = serverBuildDir(repositoryDir);
export const serverBundle = join(bundleDir, 'server.cjs');

/** Why the bundle must be built (again), or undefined when it is up to date. */
export const serverBuildStaleReason = () => staleReasonIn(repositoryDir);

/**
 * Modules find files beside them through import.meta.url (the GraphQL schema, the web app's
 * build). In the bundle each keeps its own: the URL of its source file, computed from the
 * bundle's own location, so the checkout can move.
 */
const ownModuleUrl = (bundleUrl) => ({
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      // Every bundle is written in dist/ (built in dist.next-<pid>/, at the same depth).
      const fromBundle = relative(bundleDir, args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(fromBundle)}, ${bundleUrl}).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
});

/**
 * Packages left to node_modules: the native addon, what runs in its own worker thread from its
 * own files (pino's transports, which the register does not use: pino itself is bundled, and a
 * transport would look for its worker beside the bundle), what loads only in development
 * (pino-pretty) or on demand and is large (the EventStoreDB client, the workbook, deck and
 * browser libraries), and the build tools.
 */
const externalPackages = [
  'better-sqlite3',
  'pino-pretty',
  'thread-stream',
  '@eventstore/db-client',
  'exceljs',
  'pptxgenjs',
  'playwright-core',
  '@sparticuz/chromium',
  'esbuild',
  'vite',
  '@vitejs/plugin-react',
];

/**
 * services/api/graphql-runtime.ts requires graphql from node_modules, as mercurius does outside a
 * bundle. In the bundle mercurius's graphql is the bundled copy: the module becomes an import of
 * it, so there is one graphql (two would fail every query in production mode, whose validation
 * rule would come from the other copy).
 */
const oneGraphql = {
  name: 'one-graphql',
  setup(build) {
    build.onLoad({ filter: /services[\\/]api[\\/]graphql-runtime\.ts$/ }, () => ({
      contents: "import * as graphqlModule from 'graphql'; export const graphqlRuntime = graphqlModule;",
      loader: 'ts',
    }));
  },
};

/** The register's GraphQL schema, parsed here so that a start reads it back as JSON (services/api/schema-source.ts). */
const registerSchemaFile = 'schema/register.graphql';

/** schema/register.graphql as the JSON of its parsed document, without locations. */
export function registerSchemaDocumentJson() {
  const { parse } = createRequire(import.meta.url)('graphql');
  return JSON.stringify(parse(readFileSync(join(repositoryDir, registerSchemaFile), 'utf8'), { noLocation: true }));
}

/**
 * zod's namespace carries every language's error messages (`z.locales`), some 300 KB that the
 * bundle compiled at every start though the register only speaks English, zod's default. In
 * the bundle `z.locales` (and `z.core.locales`) hold English alone.
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(dirname(dirname(args.importer)), 'locales', 'en.js'), namespace: 'zod-english' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/** Builds dist/server.cjs and dist/bulk-worker.mjs (beside, then swapped in whole); returns the milliseconds it took. */
export async function buildServer() {
  const started = performance.now();
  const { build } = await import('esbuild');
  // Of this process alone: two builds at once (test files starting servers in parallel) never mix.
  const next = `${bundleDir}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  const common = {
    absWorkingDir: repositoryDir,
    define: { CCAG_BUNDLED: 'true' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: externalPackages,
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  };
  const results = await Promise.all([
    build({
      ...common,
      entryPoints: ['services/main.ts'],
      outfile: join(next, 'server.cjs'),
      define: { ...common.define, CCAG_REGISTER_SCHEMA_DOCUMENT: JSON.stringify(registerSchemaDocumentJson()) },
      format: 'cjs',
      // import() of a package becomes require: services/start/run-bundle.mjs runs the bundle
      // from V8's code cache, where import() fails on Node 20. Every package it loads on demand
      // has a CommonJS build.
      supported: { 'dynamic-import': false },
      plugins: [oneGraphql, ownModuleUrl("require('node:url').pathToFileURL(__filename)"), englishOnlyZod],
    }),
    // The worker thread that catches a read model up in bulk loads its own entry, compiled beside the server.
    build({
      ...common,
      entryPoints: ['projections/runner/bulk-worker.ts'],
      outfile: join(next, 'bulk-worker.mjs'),
      format: 'esm',
      // CommonJS packages in an ES module bundle still call require (for Node's own modules).
      banner: {
        js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
      },
      plugins: [ownModuleUrl('import.meta.url'), englishOnlyZod],
    }),
  ]);
  const [server] = results;
  const dynamic = Object.values(server.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.kind === 'dynamic-import'));
  if (dynamic.length > 0) throw new Error(`the server's bundle imports ${dynamic.map((i) => i.path).join(', ')} with import()`);
  const inputs = results.flatMap((result) => Object.keys(result.metafile.inputs));
  // The schema's text is read at build time, not imported: listed so that an edit to it rebuilds.
  const files = [...new Set([...inputs, registerSchemaFile])].filter((file) => !file.includes('node_modules'));
  writeFileSync(join(next, SOURCES_MANIFEST), `${JSON.stringify({ files }, null, 1)}\n`);
  // Two renames, then the old build's removal: a source run that found the build up to date
  // and loads a worker entry from it meanwhile (bulk-catch-up.ts) is never without a whole one.
  const previous = `${bundleDir}.previous-${process.pid}`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(bundleDir)) renameSync(bundleDir, previous);
  try {
    renameSync(next, bundleDir);
  } catch (error) {
    // Another build of the same sources was swapped in between the two renames: it stays.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    rmSync(next, { recursive: true, force: true });
  }
  rmSync(previous, { recursive: true, force: true });
  return performance.now() - started;
}

/** Builds the bundle when it is missing or older than its sources; says so on stderr. */
export async function ensureServerBuild(log = (line) => console.error(line)) {
  const reason = serverBuildStaleReason();
  if (reason === undefined) return;
  log(`Compiling the server (${reason})...`);
  const ms = await buildServer();
  log(`Server compiled in ${(ms / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildServer();
}
