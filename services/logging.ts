import { createRequire } from 'node:module';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino } from 'pino';
import type { RegisterConfig } from './config.ts';
import type { Logger } from '../projections/runner/engine.ts';

export interface Logging {
  /** For buildApp: Fastify's logger options and how requests are logged. */
  readonly http: { readonly logger: object; readonly logController?: LogController };
  /** For the projection runner: plain lines on stderr, beside the banner, since stdout is the request log. */
  readonly runner: Logger;
}

type Pretty = typeof import('pino-pretty');

/** Required in development alone: loading it was 25 ms of every production start. */
const loadPretty = (): Pretty => createRequire(import.meta.url)('pino-pretty') as Pretty;

/**
 * Requests: production writes JSON lines to stdout for a log collector, two per request
 * (Fastify's own); development writes one short readable line per request, so the banner
 * (on stderr) stays in sight.
 */
export function loggingFor(config: RegisterConfig): Logging {
  const development = config.mode === 'development';
  const stream = development
    ? loadPretty()({
        destination: 1,
        sync: true,
        colorize: process.stdout.isTTY,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,reqId',
        singleLine: true,
      })
    : pino.destination({ dest: 1, sync: true });
  return {
    http: { logger: { level: config.logLevel, stream }, ...(development ? { logController: new OneLinePerRequest() } : {}) },
    runner: {
      info: (message) => console.error(message),
      warn: (message) => console.warn(message),
      error: (message) => console.error(message),
    },
  };
}

/** `POST /graphql 200 12 ms`: Fastify's incoming/completed pair folded into one line. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = `${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(0)} ms`;
    if (error) reply.log.error({ err: error }, line);
    else reply.log.info(line);
  }
}
