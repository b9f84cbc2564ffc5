import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { itemPagePrefix, pages } from '../src/routes.ts';
import { webDistDir } from './build.ts';

export interface WebAppOptions {
  /** The built app (default: services/web/dist). */
  readonly distDir?: string;
  /** Serve GraphiQL at /graphiql (development: production turns introspection off, so it could not work). */
  readonly graphiql: boolean;
}

/**
 * Everything a page may load comes from the register itself: scripts, styles, fonts, GraphiQL,
 * the API and its WebSocket. The browser enforces it, so a stray CDN link fails loudly.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL's editor and React set style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The web application at / (one HTML page for every route of the app) and GraphiQL at
 * /graphiql, both from the Vite build; hashed assets under /assets/ are cached for good.
 */
export async function registerWebApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const distDir = options.distDir ?? webDistDir;
  const built = existsSync(join(distDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: join(distDir, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
      wildcard: true,
    });
  }

  const page = (file: string) => async (_request: unknown, reply: FastifyReply) => {
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. `npm start` builds it; or run `npm run build:web`.');
    }
    return reply
      .header('content-security-policy', contentSecurityPolicy)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .sendFile(file, distDir);
  };
  const index = page('index.html');
  for (const path of Object.values(pages)) app.get(path, { config: { rateLimit: false } }, index);
  app.get(`${itemPagePrefix}*`, { config: { rateLimit: false } }, index);
  if (options.graphiql) app.get('/graphiql', { config: { rateLimit: false } }, page('graphiql.html'));
}
