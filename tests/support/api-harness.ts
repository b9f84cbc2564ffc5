import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type RegisterConfig } from '../../services/config.ts';
import type { Register, RegisterInternals } from '../../services/register.ts';
import { composeRegister } from '../../services/composition.ts';
import { buildApp } from '../../services/api/app.ts';
import { FileTokenBook, TokenBook, hashToken, type TokenEntry } from '../../services/api/tokens.ts';
import { createSqliteEventStore } from '../../services/eventstore/sqlite/sqlite-event-store.ts';
import { createEsdbEventStore } from '../../services/eventstore/esdb/esdb-event-store.ts';
import { startEsdbTestServer, type EsdbTestServer } from './esdb-server.ts';
import type { Logger } from '../../projections/runner/engine.ts';
import type { ItemModule } from '../../services/core/decider.ts';
import { mutationDocument } from './api-documents.ts';

/** Who a test request speaks as: one token per role, none, or a token nobody issued. */
export type As = 'reader' | 'recEditor' | 'bscEditor' | 'secretariat' | 'auditor' | 'anonymous' | 'badToken';

const tokenEntries: Record<Exclude<As, 'anonymous' | 'badToken'>, Omit<TokenEntry, 'sha256'>> = {
  reader: { principal: 'dashboard', role: 'reader', codeBodies: [] },
  recEditor: { principal: 'rec-code-manager', role: 'editor', codeBodies: ['REC'] },
  bscEditor: { principal: 'elexon', role: 'editor', codeBodies: ['BSC'] },
  secretariat: { principal: 'ccag-secretariat', role: 'secretariat', codeBodies: [] },
  auditor: { principal: 'auditor', role: 'auditor', codeBodies: [] },
};

/** The tokens file entry of a test caller, as `ccag token create` would write it. */
export const tokenEntryOf = (as: keyof typeof tokenEntries): TokenEntry => ({ ...tokenEntries[as], sha256: hashToken(tokenText(as)) });

export const principalOf = (as: keyof typeof tokenEntries): string => tokenEntries[as].principal;

const tokenText = (as: As) => `test-token-${as}`;

export function authorizationFor(as: As): string | undefined {
  if (as === 'anonymous') return undefined;
  return `Bearer ${tokenText(as)}`;
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown> & { code?: string };
}

export interface GraphQLReply<Data = Record<string, any>> {
  readonly status: number;
  readonly data: Data | null | undefined;
  readonly errors: GraphQLError[] | undefined;
  readonly body: any;
}

export interface HarnessOptions {
  /** Environment overrides, as an operator would set them (RATE_LIMIT_PER_MINUTE, NODE_ENV, ...). */
  readonly env?: Record<string, string>;
  /** Adjusts the loaded configuration (e.g. mode) before the app is built. */
  readonly config?: (config: RegisterConfig) => RegisterConfig;
  /** Adjusts the register before the app is built (e.g. wrap queries with a spy). */
  readonly register?: (register: Register) => void;
  /** ':memory:' (default) or 'file': the SQLite store on a temp file. */
  readonly store?: 'memory' | 'file';
  /** When the register's clock starts (default 1 November 2024); it moves a second per reading. */
  readonly clockStart?: number;
  /** Kinds of item beyond the register's own (a test's sixth kind). */
  readonly extraModules?: readonly ItemModule[];
  /** Keep the test tokens in this file and follow it, as the server does (FileTokenBook). */
  readonly tokensFile?: string;
  /** Keep the server's error log lines (JSON) in `errorLog` instead of discarding all logs. */
  readonly captureErrorLog?: boolean;
}

export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly register: Register;
  /** The parts the register runs on (store, runner, handler, read model), for tests that reach behind the facade. */
  readonly internals: RegisterInternals;
  readonly config: RegisterConfig;
  /** Error-level log lines, when `captureErrorLog` was set. */
  readonly errorLog: string[];
  /** Posts one GraphQL operation as `as` (default: the secretariat). */
  gql<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: As): Promise<GraphQLReply<Data>>;
  /** Runs an operation (default: as the secretariat) and returns its `data`, failing on any error. */
  write<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: As): Promise<Data>;
  /** Runs one named mutation with every field selected and returns its result, failing on any error. */
  mutate(mutation: string, input: Record<string, unknown>, options?: Record<string, unknown>, as?: As): Promise<any>;
  close(): Promise<void>;
}

const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * A recorded time that moves one second per reading, from 1 November 2024: events get
 * distinct, ordered `recordedAt` values without the test depending on the wall clock.
 */
export function steppingClock(start = Date.UTC(2024, 10, 1, 9, 0, 0)): () => Date {
  let next = start;
  return () => {
    const now = new Date(next);
    next += 1000;
    return now;
  };
}

/**
 * `API_TEST_STORE=esdb` runs the same API suite on the EventStoreDB adapter (a real server
 * where one can be reached, else the stand-in); see vitest.config.ts.
 */
const apiTestStore = process.env['API_TEST_STORE'] === 'esdb' ? 'esdb' : 'sqlite';
let esdbServerStarted: Promise<EsdbTestServer> | undefined;
function esdbServer(): Promise<EsdbTestServer> {
  esdbServerStarted ??= startEsdbTestServer();
  return esdbServerStarted;
}
afterAll(async () => {
  if (esdbServerStarted) await (await esdbServerStarted).stop();
  esdbServerStarted = undefined;
});

/** The register behind the GraphQL API, without a port: requests go through `app.inject`. */
export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccag-api-'));
  let config = loadConfig({ NODE_ENV: 'test', READ_MODEL: 'memory', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  if (options.config) config = options.config(config);
  const clock = steppingClock(options.clockStart);
  const store =
    apiTestStore === 'esdb'
      ? createEsdbEventStore({
          connectionString: (await esdbServer()).connectionString,
          streamPrefix: `api${randomBytes(6).toString('hex')}-`,
        })
      : createSqliteEventStore({
          path: options.store === 'file' ? join(dataDir, 'events.db') : ':memory:',
          clock,
          pollIntervalMs: 20,
        });
  const composed = await composeRegister({
    config,
    logger: quietLogger,
    store,
    clock,
    ...(options.extraModules ? { extraModules: options.extraModules } : {}),
  });
  const register = composed.register;
  options.register?.(register);
  const entries = [...Object.entries(tokenEntries)].map(([as, entry]) => ({ ...entry, sha256: hashToken(tokenText(as as As)) }));
  let tokens: TokenBook;
  if (options.tokensFile) {
    writeFileSync(options.tokensFile, JSON.stringify({ tokens: entries }));
    tokens = new FileTokenBook(options.tokensFile, () => {});
  } else {
    tokens = new TokenBook(entries);
  }
  const errorLog: string[] = [];
  const logger = options.captureErrorLog ? { level: 'error', stream: { write: (line: string) => errorLog.push(line) } } : false;
  const app = await buildApp({ register, config, tokens, logger });
  await app.ready();

  async function gql<Data>(query: string, variables: Record<string, unknown> = {}, as: As = 'secretariat') {
    const authorization = authorizationFor(as);
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      payload: JSON.stringify({ query, variables }),
    });
    const body = response.json();
    return { status: response.statusCode, data: body.data as Data | null | undefined, errors: body.errors, body };
  }

  async function write<Data>(query: string, variables: Record<string, unknown> = {}, as: As = 'secretariat') {
    const reply = await gql<Data>(query, variables, as);
    if (reply.errors?.length || !reply.data) {
      throw new Error(`expected the operation to succeed, got ${JSON.stringify(reply.body)}`);
    }
    return reply.data;
  }

  return {
    app,
    register,
    internals: composed.internals,
    config,
    errorLog,
    gql,
    write,
    async mutate(mutation: string, input: Record<string, unknown>, writeOptions?: Record<string, unknown>, as: As = 'secretariat') {
      const data = await write<Record<string, any>>(
        mutationDocument(mutation),
        { input, ...(writeOptions ? { options: writeOptions } : {}) },
        as,
      );
      return data[mutation];
    },
    async close() {
      await app.close();
      await composed.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The error codes of a reply, in order. */
export const codesOf = (reply: GraphQLReply): (string | undefined)[] => (reply.errors ?? []).map((e) => e.extensions?.code);
