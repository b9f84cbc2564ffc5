import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type RegisterConfig } from './config.ts';
import { isRegisterError } from './core/errors.ts';
import { openRegister, type Register } from './register.ts';
import { buildApp } from './api/app.ts';
import { ensureWebBuild } from './web/server/build.ts';
import { FileTokenBook, addToken, readTokensFile } from './api/tokens.ts';
import type { Logger } from '../projections/runner/engine.ts';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly register: Register;
  readonly config: RegisterConfig;
  readonly url: string;
  /** A token printed on first start in development, if one was made. */
  readonly newToken: string | undefined;
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
  let newToken: string | undefined;
  if (config.mode === 'development' && readTokensFile(tokensFile).length === 0) {
    newToken = addToken(tokensFile, { principal: 'secretariat (development)', role: 'secretariat', codeBodies: [] });
  }
  const tokens = new FileTokenBook(tokensFile);

  const logger: Logger = {
    info: (m) => console.log(m),
    warn: (m) => console.warn(m),
    error: (m) => console.error(m),
  };
  // The web app is served from its build: build it first when it is missing or out of date.
  await ensureWebBuild((line) => console.log(line));
  const register = await openRegister({ config, logger });
  let app: FastifyInstance | undefined;
  let address: string;
  try {
    await options.beforeListen?.(register);
    app = await buildApp({ register, config, tokens });
    // Listen at once; /ready says when the read model has caught up with the log.
    address = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app?.close();
    await register.close();
    throw error;
  }
  return {
    app: app,
    register,
    config,
    url: address,
    newToken,
    tokens: { file: tokensFile, count: tokens.size },
    async stop() {
      await app.close();
      await register.close();
    },
  };
}

/** Stops the server cleanly on SIGINT or SIGTERM (once), then exits. */
export function stopOnSignals(server: Pick<RunningServer, 'stop'>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Reports a start-up failure the way an operator can act on, and exits 1. */
export function exitOnStartFailure(what: string) {
  return (error: unknown): never => {
    if (isRegisterError(error)) console.error(`Cannot start ${what}: ${error.message}`);
    else console.error(error);
    process.exit(1);
  };
}
