import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest, type LogController } from 'fastify';
import mercurius, { type MercuriusOptions } from 'mercurius';
import rateLimit from '@fastify/rate-limit';
import type { GraphQLError, ValidationRule } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import type { RegisterConfig } from '../config.ts';
import type { Register } from '../register.ts';
import { anonymousCaller, requireReader, type Caller } from '../access.ts';
import { ReadModelRebuildingError, isRegisterError } from '../core/errors.ts';
import { formatPosition } from '../core/position.ts';
import type { AppliedChange } from '../../projections/runner/projection.ts';
import type { RunnerReport } from '../../projections/runner/runner.ts';
import type { TokenBook } from './tokens.ts';
import { SocketGuard, type ServerSocket } from './sockets.ts';
import type { ApiContext } from './context.ts';
import { queryResolvers } from './query-resolvers.ts';
import { signingKeyOf, transparencyQueries, transparencyTypeResolvers } from './transparency-resolvers.ts';
import { packQueries } from './pack-resolvers.ts';
import { pointTypeResolvers } from './points.ts';
import { refuseComplexQueries } from './complexity.ts';
import { queryDepthRule } from './depth.ts';
import { registerWebApp } from '../web/server/serve.ts';
import { registerSizes } from './register-sizes.ts';
import { limitReadTime } from './deadline.ts';
import { PointCache } from './point-cache.ts';
import { toItemObject, type ItemObject, type ShapeContext } from './views.ts';
import { CurrentItems } from './current-items.ts';
import { mutationResolvers } from './mutation.ts';
import { documentQueries } from './document-resolvers.ts';
import { graphqlRuntime } from './graphql-runtime.ts';
import { buildRegisterSchema } from './schema-source.ts';

// From the graphql mercurius validates with (graphql-runtime.ts), or production mode, which adds
// this rule, would fail every query.
const { NoSchemaIntrospectionCustomRule } = graphqlRuntime;
const REGISTER_CHANGED = 'REGISTER_CHANGED';

export interface AppDependencies {
  readonly register: Register;
  readonly config: RegisterConfig;
  readonly tokens: TokenBook;
  /** The built web app (default: services/web/dist). */
  readonly webDistDir?: string;
  /** Fastify logger options; false in tests. */
  readonly logger?: boolean | object;
  /** How requests are logged (services/logging.ts); Fastify's two records each by default. */
  readonly logController?: LogController;
}

/** Builds the HTTP face of the register: GraphQL at /graphql, the web app at / (GraphiQL at /graphiql), /health, /ready. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { register, config, tokens } = deps;
  const current = new CurrentItems(register);
  const points = new PointCache(() => register.readModelGeneration(), config.limits.pointCacheBytes);
  const items = register.items;
  const shapeNow = (): ShapeContext => ({ items, rules: config.rules, today: register.today() });
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: config.limits.bodyBytes,
    genReqId: () => randomUUID(),
    // The route schemas are mercurius's own, fixed in its code: checking them against JSON Schema's
    // meta-schema compiled that meta-schema first, about 120 ms of every start.
    ajv: { customOptions: { validateSchema: false } },
    ...(deps.logController ? { logController: deps.logController } : {}),
  });

  const callerFor = (authorization: string | undefined): (() => Caller) => {
    let resolved: Caller | undefined;
    let failed = false;
    let failure: unknown;
    try {
      resolved = tokens.authenticate(authorization);
    } catch (error) {
      failed = true;
      failure = error;
    }
    return () => {
      if (failed) throw failure;
      return resolved ?? anonymousCaller;
    };
  };

  // The rate limit and the resolvers both need the caller: the token is hashed once a request.
  const callers = new WeakMap<FastifyRequest, () => Caller>();
  const callerOf = (request: FastifyRequest): (() => Caller) => {
    let caller = callers.get(request);
    if (!caller) {
      caller = callerFor(request.headers.authorization);
      callers.set(request, caller);
    }
    return caller;
  };

  await app.register(rateLimit, {
    max: config.limits.requestsPerMinute,
    timeWindow: '1 minute',
    // Per principal for a valid token, else per address: one busy dashboard cannot starve the
    // rest, and made-up tokens cannot buy a caller a fresh allowance each.
    keyGenerator: (request) => {
      try {
        const caller = callerOf(request)();
        if (caller.role !== 'anonymous') return `principal:${caller.principal}`;
      } catch {
        // A bad token is refused later, by the resolver; it is counted against the address.
      }
      return `address:${request.ip}`;
    },
  });

  // A static list keeps mercurius's query cache: validation runs once per distinct query text.
  // Complexity depends on the variables, so it is measured before execution instead (below).
  const validationRules: ValidationRule[] = [
    queryDepthRule(config.limits.queryDepth),
    ...(config.mode === 'production' ? [NoSchemaIntrospectionCustomRule] : []),
  ];

  const mercuriusOptions = {
    schema: buildRegisterSchema(items),
    resolvers: {
      JSON: JSONResolver,
      Query: { ...queryResolvers(items), ...transparencyQueries, ...documentQueries, ...packQueries },
      ...transparencyTypeResolvers,
      ...pointTypeResolvers,
      Mutation: mutationResolvers(items),
      Subscription: {
        registerChanged: {
          subscribe: async (
            _root: unknown,
            args: { kinds?: string[] | null },
            context: ApiContext & { pubsub: { subscribe(topic: string): Promise<AsyncIterable<unknown>> } },
          ) => {
            requireReader(context.caller(), config.openReads);
            const source = await context.pubsub.subscribe(REGISTER_CHANGED);
            const kinds = args.kinds && args.kinds.length > 0 ? new Set(args.kinds) : undefined;
            // Item objects are built here, per subscriber, so no work is done for changes nobody watches.
            const wanted = (change: AppliedChange) => !kinds || kinds.has(items.presenterOf(change.kind).graphql.kindEnum);
            return messagesFor(source, wanted, shapeNow);
          },
        },
      },
      Item: {
        resolveType: (item: ItemObject) => item.__typename,
      },
    },
    loaders: Object.fromEntries(
      items.modules
        .filter((m) => m.presenter.graphql.relatesChangeProposals)
        .map((m) => [m.presenter.graphql.typeName, { relatedChangeProposals: relatedLoader(register, shapeNow) }]),
    ),
    // GraphiQL is the register's own bundled page (services/web), not mercurius's CDN one.
    graphiql: false,
    allowBatchedQueries: false,
    validationRules,
    context: (request: FastifyRequest): ApiContext => ({
      register,
      config,
      current,
      points,
      caller: callerOf(request),
      requestId: String(request.id),
      log: request.log,
    }),
    subscription: {
      // Browsers cannot set headers on a WebSocket: the token comes in connection_init's payload.
      onConnect: ({ payload }: { payload?: Record<string, unknown> }) => {
        const authorization = typeof payload?.['authorization'] === 'string' ? payload['authorization'] : undefined;
        const caller = callerFor(authorization);
        try {
          requireReader(caller(), config.openReads);
        } catch {
          return false;
        }
        return { caller };
      },
      context: () => ({ register, config, current, points, caller: () => anonymousCaller, requestId: randomUUID(), log: app.log }),
    },
    errorFormatter: (
      execution: Parameters<typeof mercurius.defaultErrorFormatter>[0],
      context: Parameters<typeof mercurius.defaultErrorFormatter>[1],
    ) => {
      const damaged = readModelDamage(execution.errors, register);
      if (damaged) {
        app.log.error({ err: damaged.originalError ?? damaged }, 'the read model is damaged: rebuilding it from the log');
        const refusal = new ReadModelRebuildingError(damaged);
        return { statusCode: 503, response: { data: null, errors: [{ message: refusal.message, extensions: { code: refusal.code } }] } };
      }
      const formatted = mercurius.defaultErrorFormatter(execution, context);
      // A rejected request (bad token, access, input) is the caller's problem, not the server's.
      const first = execution.errors?.[0]?.originalError;
      if (!execution.data && first && isRegisterError(first)) formatted.statusCode = 200;
      // Refused before execution (syntax, unknown field, depth, introspection off): 400 however
      // many errors there are (mercurius answers 200 when there are several), with a code to test for.
      if ((first as { code?: unknown } | undefined)?.code === 'MER_ERR_GQL_VALIDATION') {
        formatted.statusCode = 400;
        formatted.response.errors = formatted.response.errors?.map((error) => ({
          ...error,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...error.extensions },
        }));
      }
      return formatted;
    },
  };
  watchSockets(app, tokens, config.limits.webSocketsPerPrincipal);
  // mercurius's option types cannot express per-field loader and subscription signatures.
  await app.register(mercurius, mercuriusOptions as unknown as MercuriusOptions);
  const checkComplexity = refuseComplexQueries(config.limits.queryComplexity, registerSizes(register));
  limitReadTime(app.graphql.schema, config.limits.queryTimeoutMs);
  app.graphql.addHook('preExecution', (schema, document, _context, variables) => {
    checkComplexity(schema, document, variables);
  });

  const unsubscribe = register.onChanges((changes) => {
    for (const change of changes) void app.graphql.pubsub.publish({ topic: REGISTER_CHANGED, payload: change });
  });
  app.addHook('onClose', async () => unsubscribe());

  await registerWebApp(app, { graphiql: config.mode === 'development', distDir: deps.webDistDir });
  app.get('/health', { config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  // What an auditor needs before trusting anything else the register says: the key its heads verify with.
  app.get('/.well-known/ccag-register.json', async () => ({
    signingKey: signingKeyOf({ register }),
    verification: 'docs/verification.md',
    api: '/graphql',
  }));
  app.get('/ready', { config: { rateLimit: false } }, async (_request, reply) => {
    try {
      const { failure, ...report } = await register.status();
      if (failure) throw failure;
      if (report.state !== 'running' || !report.caughtUp) return reply.code(503).send({ status: readinessStatus(report), ...report });
      // The register serves on with the tokens last read; the operator must still hear of a broken file.
      return { status: 'ready', ...report, ...(tokens.problem ? { degraded: [tokens.problem] } : {}) };
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', error: (error as Error).message });
    }
  });
  return app;
}

/** Why /ready says no, in a word an operator can act on. */
function readinessStatus(report: RunnerReport): string {
  if (report.state === 'rebuilding') return 'rebuilding';
  if (report.state === 'retrying') return 'retrying';
  if (report.state === 'running') return 'catching up';
  return report.state;
}

/** Related change proposals of many items in one batch per request, at each item's own point. */
function relatedLoader(register: Register, shapeNow: () => ShapeContext) {
  return async (queries: { obj: ItemObject }[]) => {
    const shape = shapeNow();
    const bySeq = new Map<number | undefined, Set<string>>();
    for (const { obj } of queries) {
      const ids = bySeq.get(obj.__seq) ?? new Set<string>();
      for (const id of (obj['relatedChangeProposals'] as string[] | undefined) ?? []) ids.add(id);
      bySeq.set(obj.__seq, ids);
    }
    const found = new Map<number | undefined, Map<string, ItemObject>>();
    for (const [seq, ids] of bySeq) {
      const items = register.itemsAt.itemsByIds([...ids], seq);
      found.set(seq, new Map([...items].map(([id, item]) => [id, toItemObject(item, shape, seq)])));
    }
    return queries.map(({ obj }) =>
      ((obj['relatedChangeProposals'] as string[] | undefined) ?? []).flatMap((id) => {
        const item = found.get(obj.__seq)?.get(id);
        return item ? [item] : [];
      }),
    );
  };
}

/** One `registerChanged` message per applied change the subscriber asked for. */
async function* messagesFor(
  source: AsyncIterable<unknown>,
  wanted: (change: AppliedChange) => boolean,
  shapeNow: () => ShapeContext,
): AsyncIterable<unknown> {
  for await (const value of source) {
    const change = value as AppliedChange;
    if (wanted(change)) yield { registerChanged: changeMessage(change, shapeNow()) };
  }
}

function changeMessage(change: AppliedChange, shape: ShapeContext) {
  const position = formatPosition(change.event.position);
  const actor = (change.event.metadata['actor'] as string | undefined) ?? null;
  const item = toItemObject(
    {
      id: change.itemId,
      kind: change.kind,
      version: change.version,
      view: change.view,
      lastChange: {
        seq: change.seq,
        position,
        recordedAt: change.event.recordedAt,
        effectiveAt: (change.event.metadata['effectiveAt'] as string | undefined) ?? null,
        actor,
        eventType: change.event.type,
      },
    },
    shape,
    undefined,
  );
  return { position, eventType: change.event.type, itemId: change.itemId, kind: change.kind, version: change.version, actor, item };
}

/** Subscription sockets: at most `perPrincipal` per principal; a revoked token's sockets close within a second. */
function watchSockets(app: FastifyInstance, tokens: TokenBook, perPrincipal: number): void {
  const guard = new SocketGuard({ tokens, perPrincipal, authenticate: (authorization) => tokens.authenticate(authorization) });
  // Mercurius's WebSocket route is wrapped as it is added, so the guard sees each socket before mercurius reads it.
  app.addHook('onRoute', (route) => {
    const options = route as unknown as { wsHandler?: (socket: ServerSocket, request: FastifyRequest) => unknown };
    const handler = options.wsHandler;
    if (!handler) return;
    options.wsHandler = function watched(this: unknown, socket, request) {
      guard.watch(socket, request.raw);
      return handler.call(this, socket, request);
    };
  });
  const timer = setInterval(() => {
    tokens.refresh();
    guard.closeRevoked();
  }, 250);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

/**
 * A read that failed before any resolver ran (measuring a query's cost reads the read model
 * too) on a damaged read model: the register sets the file aside and rebuilds it, and the
 * caller is told so rather than shown SQLite's words.
 */
function readModelDamage(errors: readonly GraphQLError[] | undefined, register: Register): GraphQLError | undefined {
  return errors?.find((error) => register.readModelDamaged(error.originalError ?? error));
}
