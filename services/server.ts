import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type RegisterConfig } from './config.ts';
import { isRegisterError } from './core/errors.ts';
import type { Register, RegisterInternals } from './register.ts';
import { composeRegister } from './composition.ts';
import { buildApp } from './api/app.ts';
import { ensureWebBuild } from './web/server/build.ts';
import { addToken, readTokensFile } from './api/tokens.ts';
import { FirstToken, FirstUseTokenBook } from './first-token.ts';
import { loggingFor } from './logging.ts';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly register: Register;
  /** The parts the register runs on, for tests and tools that look behind the facade. */
  readonly internals: RegisterInternals;
  readonly config: RegisterConfig;
  readonly url: string;
  /**
   * The development token made on a first start, shown at every start until a request has
   * used it (`madeNow` is false when an earlier start made it).
   */
  readonly firstToken: { readonly token: string; readonly madeNow: boolean } | undefined;
  /** Where the bearer tokens are read from, and how many there are. */
  readonly tokens: { readonly file: string; readonly count: number };
  stop(): Promise<void>;
}

/**
 * The composition root: configuration (validated), event store, projections, API. Nothing
 * else builds these; everything else receives them.
 */
export async function startServer(
  options: { env?: NodeJS.ProcessEnv; beforeListen?: (register: Register) => Promise<void> } = {},
): Promise<RunningServer> {
  const config = loadConfig(options.env ?? process.env);
  const tokensFile = config.tokensFile ?? join(config.dataDir, 'tokens.json');
  const remembered = new FirstToken(config.dataDir);
  let firstToken: RunningServer['firstToken'];
  if (config.mode === 'development' && readTokensFile(tokensFile).length === 0) {
    const principal = 'secretariat (development)';
    const token = addToken(tokensFile, { principal, role: 'secretariat', codeBodies: [] });
    remembered.remember(token, principal);
    firstToken = { token, madeNow: true };
  } else {
    const token = remembered.unused(tokensFile);
    if (token !== undefined) firstToken = { token, madeNow: false };
  }
  const logging = loggingFor(config);
  // Until the app (and its logger) exists, a token file problem goes where the runner's lines go.
  let warn = (message: string) => logging.runner.warn(message);
  const tokens = new FirstUseTokenBook(tokensFile, remembered, firstToken?.token, (message) => warn(message));

  // The web app is served from its build: build it first when it is missing or out of date.
  await ensureWebBuild((line) => console.error(line));
  const composed = await composeRegister({ config, logger: logging.runner, checkReadModelInBackground: true });
  const register = composed.register;
  let app: FastifyInstance | undefined;
  let address: string;
  try {
    await options.beforeListen?.(register);
    const built = await buildApp({ register, config, tokens, ...logging.http });
    app = built;
    warn = (message) => built.log.warn(message);
    // Listen at once; /ready says when the read model has caught up with the log.
    address = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app?.close();
    await composed.close();
    throw error;
  }
  return {
    app: app,
    register,
    internals: composed.internals,
    config,
    url: address,
    firstToken,
    tokens: { file: tokensFile, count: tokens.size },
    async stop() {
      await app.close();
      await composed.close();
    },
  };
}

/** Stops the server cleanly on SIGINT or SIGTERM (once), then exits. */
export function stopOnSignals(server: Pick<RunningServer, 'stop'>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Reports a start-up failure in one line an operator can act on, and exits 1. The stack of an
 * unexpected failure is printed too when LOG_LEVEL is debug or trace.
 */
export function exitOnStartFailure(what: string, env: NodeJS.ProcessEnv = process.env) {
  return (error: unknown): never => {
    console.error(`Cannot start ${what}: ${startFailureText(error, env)}`);
    if (!isRegisterError(error) && error instanceof Error && ['debug', 'trace'].includes(env['LOG_LEVEL'] ?? ''))
      console.error(error.stack);
    process.exit(1);
  };
}

export function startFailureText(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (isRegisterError(error)) return error.message;
  const system = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const where = `${system.address ?? env['HOST'] ?? '127.0.0.1'}:${system.port ?? env['PORT'] ?? ''}`;
  switch (system.code) {
    case 'EADDRINUSE':
      return `port ${system.port ?? env['PORT']} on ${system.address ?? env['HOST'] ?? '127.0.0.1'} is already in use; stop what holds it, or choose another port with PORT=<port>`;
    case 'EACCES':
      return `not allowed to listen on ${where}; choose a port above 1023 with PORT=<port>`;
    case 'EADDRNOTAVAIL':
      return `${system.address ?? env['HOST']} is not an address of this machine; set HOST=127.0.0.1 or another local address`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
