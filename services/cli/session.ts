import { userInfo } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type RegisterConfig } from '../config.ts';
import { ValidationError, isRegisterError } from '../core/errors.ts';
import type { Register, RegisterInternals } from '../register.ts';
import { composeRegister, type ComposedRegister } from '../composition.ts';
import type { Caller } from '../access.ts';
import type { Logger } from '../../projections/runner/engine.ts';
import { createRegisterItems } from '../items.ts';
import { ConfigurationError, UsageError } from './exit-codes.ts';
import type { GlobalOptions } from './session-options.ts';
import { localAccess } from './local-access.ts';
import type { RegisterAccess } from './register-access.ts';
import { graphqlClient, serverUrl } from './remote/client.ts';
import { remoteAccess, whoAmI } from './remote/remote-access.ts';

export type { GlobalOptions };

/** The environment the CLI runs with: the process's, with `--data-dir` taking DATA_DIR's place. */
export function cliEnvironment(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return options.dataDir === undefined ? env : { ...env, DATA_DIR: options.dataDir };
}

/** The server's configuration, read the server's way; a bad variable is a configuration error (exit 3). */
export function loadCliConfig(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): RegisterConfig {
  try {
    const config = loadConfig(cliEnvironment(options, env));
    // A one-shot command builds its own read model in memory unless told otherwise: the
    // server may be projecting into DATA_DIR/read-model.db, and one file has one writer.
    return env['READ_MODEL'] === undefined ? { ...config, readModel: 'memory' } : config;
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ConfigurationError(
        `Configuration is invalid:\n${error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`).join('\n')}`,
      );
    }
    throw error;
  }
}

export function tokensFileOf(config: RegisterConfig): string {
  return config.tokensFile ?? join(config.dataDir, 'tokens.json');
}

/**
 * The CLI writes as the secretariat; the principal names the person at the keyboard so the
 * log says who made each write (CCAG_ACTOR, else the OS user).
 */
export function cliCaller(env: NodeJS.ProcessEnv = process.env): Caller {
  return { principal: `cli:${actorName(env)}`, role: 'secretariat', codeBodies: [] };
}

function actorName(env: NodeJS.ProcessEnv): string {
  const given = env['CCAG_ACTOR']?.trim();
  if (given) return given;
  try {
    return userInfo().username || env['USER'] || 'unknown';
  } catch {
    // A container user without a passwd entry has no name.
    return env['USER'] || 'unknown';
  }
}

/** Projection warnings matter to an operator; routine info would drown the command's output. */
export const cliLogger: Logger = {
  info: () => {},
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
  error: (message) => process.stderr.write(`error: ${message}\n`),
};

export interface OpenOptions {
  /** Follow the log and catch the read model up before `use` runs (default true). */
  readonly readModel?: boolean;
  /** Open a file read model even while another process holds it. */
  readonly ignoreReadModelLock?: boolean;
  /** The command is `ccag rebuild` (its refusal offers --force). */
  readonly rebuild?: boolean;
}

/**
 * Opens the register, runs `use`, and always closes it again. Maintenance commands (verify,
 * rebuild, the log export) also get the parts the register runs on.
 */
export async function withRegister<T>(
  config: RegisterConfig,
  use: (register: Register, internals: RegisterInternals) => Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  const follow = options.readModel ?? true;
  let composed: ComposedRegister;
  try {
    composed = await composeRegister({
      config,
      logger: cliLogger,
      follow,
      ignoreReadModelLock: options.ignoreReadModelLock ?? false,
      readModelOpener: options.rebuild ? 'rebuild' : 'command',
    });
  } catch (error) {
    if (isRegisterError(error)) throw error;
    throw new ConfigurationError(`Cannot open the register in ${config.dataDir}: ${(error as Error).message}`);
  }
  try {
    if (follow) await catchUpReadModel(composed.internals);
    return await use(composed.register, composed.internals);
  } finally {
    await composed.close();
  }
}

/** Generous: a first run replays the whole log into a new read model. */
const catchUpTimeoutMs = 10 * 60_000;

/**
 * Waits until the read model has reached the log's head. A runner that stops on a bad event
 * fails the wait at once rather than leaving it to the timeout.
 */
export async function catchUpReadModel({ runner }: Pick<RegisterInternals, 'runner'>): Promise<void> {
  if (!runner.running) runner.start();
  let poll: NodeJS.Timeout | undefined;
  const stopped = new Promise<never>((_, reject) => {
    poll = setInterval(() => {
      if (runner.error) reject(runner.error);
    }, 200);
  });
  try {
    await Promise.race([runner.catchUp(catchUpTimeoutMs), stopped]);
  } finally {
    clearInterval(poll);
  }
}

/** Where a command that can work over the API gets its data: the store in this process, or a running register. */
export type AccessChoice =
  { readonly mode: 'store' } | { readonly mode: 'server'; readonly server: URL; readonly token: string | undefined };

/**
 * --server (else CCAG_SERVER) chooses a running register over its API; --data-dir (else
 * DATA_DIR) the store itself. A flag beats a variable: --data-dir wins over CCAG_SERVER,
 * --server over DATA_DIR; both flags at once is a usage error; of the two variables alone,
 * CCAG_SERVER wins, as people use the API and DATA_DIR is the server's own setting.
 */
export function chooseAccess(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): AccessChoice {
  if (options.server !== undefined && options.dataDir !== undefined) {
    throw new UsageError('--server and --data-dir name two registers; give one (--server works over the API, --data-dir opens the store)');
  }
  const fromEnv = env['CCAG_SERVER']?.trim() || undefined;
  const server = options.server ?? (options.dataDir === undefined ? fromEnv : undefined);
  if (server === undefined) {
    if (options.token !== undefined)
      throw new UsageError('--token is sent to a register over its API: give --server URL (or CCAG_SERVER) too');
    return { mode: 'store' };
  }
  const token = options.token ?? (env['CCAG_TOKEN']?.trim() || undefined);
  return { mode: 'server', server: serverUrl(server, options.server !== undefined ? '--server' : 'CCAG_SERVER'), token };
}

/**
 * Runs `use` with the register the options choose (chooseAccess): on the store, writes are
 * the CLI's (cliCaller); over the API, they are the token's principal's, as the server decides.
 */
export async function withRegisterAccess<T>(
  options: GlobalOptions,
  use: (access: RegisterAccess) => Promise<T>,
  open: { readonly catchUp?: (internals: RegisterInternals) => Promise<void> } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const choice = chooseAccess(options, env);
  if (choice.mode === 'store') {
    const config = loadCliConfig(options, env);
    const { catchUp } = open;
    // A command may catch the read model up its own way (the pack names a bad event as verify does).
    return withRegister(
      config,
      async (register, internals) => {
        if (catchUp) await catchUp(internals);
        return use(localAccess(register, cliCaller(env), `the store in ${config.dataDir}`));
      },
      catchUp ? { readModel: false } : {},
    );
  }
  const client = graphqlClient(choice.server, choice.token);
  const viewer = await whoAmI(client);
  return use(remoteAccess(client, viewer, createRegisterItems()));
}
