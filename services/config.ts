import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ValidationError } from './core/errors.ts';
import { isInsecureConnectionString } from './eventstore/esdb/options.ts';
import { defaultTextLimits } from '../schema/values.ts';
import { defaultRegisterRules, registerRulesSchema, type RegisterRules } from '../schema/rules.ts';

const booleanText = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().positive();

/** Environment variables the register reads. Every value is checked at start-up. */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATA_DIR: z.string().min(1).default('./data'),
  ESDB_CONNECTION_STRING: z
    .string()
    .regex(/^(esdb|kurrentdb)(\+discover)?:\/\/.+/i, 'must start with esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover://')
    .optional(),
  /** Production refuses `tls=false` (no TLS, no users) unless this says it is meant. */
  ESDB_ALLOW_INSECURE: booleanText.optional(),
  /** Time budgets of the EventStoreDB adapter (services/eventstore/esdb/options.ts); unset keeps its defaults. */
  ESDB_RETRY_BUDGET_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  ESDB_APPEND_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).optional(),
  ESDB_READ_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).optional(),
  ESDB_READ_BACK_GRACE_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL', 'OFF']).default('FULL'),
  READ_MODEL: z.enum(['file', 'memory']).default('file'),
  TOKENS_FILE: z.string().min(1).optional(),
  OPEN_READS: booleanText.optional(),
  REGISTER_RULES_FILE: z.string().min(1).optional(),
  READ_YOUR_WRITES_TIMEOUT_MS: positiveInt.default(5000),
  PROJECTION_RETRY_MAX_MS: positiveInt.default(30_000),
  QUERY_DEPTH_LIMIT: positiveInt.default(12),
  QUERY_COMPLEXITY_LIMIT: positiveInt.default(1000),
  QUERY_TIMEOUT_MS: positiveInt.default(10_000),
  POINT_CACHE_BYTES: positiveInt.default(67_108_864),
  BODY_LIMIT_BYTES: positiveInt.default(1_048_576),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(1200),
  TITLE_MAX_LENGTH: positiveInt.default(defaultTextLimits.title),
  TEXT_MAX_LENGTH: positiveInt.default(defaultTextLimits.text),
  SUMMARY_MAX_LENGTH: positiveInt.default(defaultTextLimits.summary),
  WS_CONNECTIONS_PER_PRINCIPAL: positiveInt.default(20),
  SIGNING_KEY_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The adapter's time budgets set in the environment; an absent one keeps the adapter's default. */
export interface EsdbTimings {
  readonly retryBudgetMs?: number;
  readonly appendTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  readonly readBackGraceMs?: number;
}

export interface RegisterConfig {
  readonly mode: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore:
    | { readonly kind: 'sqlite'; readonly synchronous: 'FULL' | 'NORMAL' | 'OFF' }
    | { readonly kind: 'esdb'; readonly connectionString: string; readonly timings?: EsdbTimings };
  readonly readModel: 'file' | 'memory';
  readonly tokensFile: string | undefined;
  /** Anonymous callers may read (never write). Development defaults to open reads. */
  readonly openReads: boolean;
  readonly rules: RegisterRules;
  readonly readYourWritesTimeoutMs: number;
  /** The longest pause between the projection runner's retries after a transient failure. */
  readonly projectionRetryMaxMs: number;
  readonly limits: {
    readonly queryDepth: number;
    readonly queryComplexity: number;
    /** A read (Query field) still running this long after the request's first read answers TIMEOUT. */
    readonly queryTimeoutMs: number;
    /** Bound of the cache of answers at fixed points (movement, lists `at` a point). */
    readonly pointCacheBytes: number;
    readonly bodyBytes: number;
    readonly requestsPerMinute: number;
    /** Open WebSocket connections one principal (or one anonymous address) may hold at once. */
    readonly webSocketsPerPrincipal: number;
  };
  readonly logLevel: string;
  /** The register's Ed25519 private key (PEM, PKCS#8); created at first start when absent. */
  readonly signingKeyFile: string;
}

/** Builds the configuration from the environment, or throws a ValidationError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RegisterConfig {
  const relevant = Object.fromEntries(
    Object.keys(environmentSchema.shape).flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])),
  );
  const parsed = environmentSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
  }
  const e = parsed.data;
  if (
    e.NODE_ENV === 'production' &&
    e.ESDB_CONNECTION_STRING &&
    isInsecureConnectionString(e.ESDB_CONNECTION_STRING) &&
    !e.ESDB_ALLOW_INSECURE
  ) {
    throw new ValidationError([
      {
        path: ['ESDB_CONNECTION_STRING'],
        message:
          'tls=false in production: EventStoreDB without TLS has no users and no encryption. Use a TLS cluster (tlsCAFile=...), or set ESDB_ALLOW_INSECURE=true if this is a closed network on purpose',
      },
    ]);
  }
  return {
    mode: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    eventStore: e.ESDB_CONNECTION_STRING
      ? { kind: 'esdb', connectionString: e.ESDB_CONNECTION_STRING, timings: esdbTimings(e) }
      : { kind: 'sqlite', synchronous: e.SQLITE_SYNCHRONOUS },
    readModel: e.READ_MODEL,
    tokensFile: e.TOKENS_FILE,
    openReads: e.OPEN_READS ?? e.NODE_ENV !== 'production',
    rules: {
      ...(e.REGISTER_RULES_FILE ? loadRules(e.REGISTER_RULES_FILE) : defaultRegisterRules),
      textLimits: { title: e.TITLE_MAX_LENGTH, text: e.TEXT_MAX_LENGTH, summary: e.SUMMARY_MAX_LENGTH },
    },
    readYourWritesTimeoutMs: e.READ_YOUR_WRITES_TIMEOUT_MS,
    projectionRetryMaxMs: e.PROJECTION_RETRY_MAX_MS,
    limits: {
      queryDepth: e.QUERY_DEPTH_LIMIT,
      queryComplexity: e.QUERY_COMPLEXITY_LIMIT,
      queryTimeoutMs: e.QUERY_TIMEOUT_MS,
      pointCacheBytes: e.POINT_CACHE_BYTES,
      bodyBytes: e.BODY_LIMIT_BYTES,
      requestsPerMinute: e.RATE_LIMIT_PER_MINUTE,
      webSocketsPerPrincipal: e.WS_CONNECTIONS_PER_PRINCIPAL,
    },
    logLevel: e.LOG_LEVEL,
    signingKeyFile: e.SIGNING_KEY_FILE ?? join(e.DATA_DIR, 'signing-key.pem'),
  };
}

function esdbTimings(e: z.output<typeof environmentSchema>): EsdbTimings {
  const set = {
    retryBudgetMs: e.ESDB_RETRY_BUDGET_MS,
    appendTimeoutMs: e.ESDB_APPEND_TIMEOUT_MS,
    readTimeoutMs: e.ESDB_READ_TIMEOUT_MS,
    readBackGraceMs: e.ESDB_READ_BACK_GRACE_MS,
  };
  return Object.fromEntries(Object.entries(set).filter(([, value]) => value !== undefined));
}

function loadRules(path: string): RegisterRules {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ValidationError([{ path: ['REGISTER_RULES_FILE'], message: `cannot read ${path}: ${(error as Error).message}` }]);
  }
  const parsed = registerRulesSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: ['REGISTER_RULES_FILE', ...i.path.map(String)], message: i.message })),
    );
  }
  return { ...parsed.data, textLimits: defaultTextLimits };
}
