import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError } from '../exit-codes.ts';
import { RemoteFailure, errorFromServer } from './errors.ts';

export interface GraphqlClient {
  /** The register's address, e.g. http://127.0.0.1:4000. */
  readonly origin: string;
  /** Sends one operation; the first error of the answer is thrown as the register's error for its code. */
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

interface GraphqlAnswer {
  data?: unknown;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/** Rate-limited requests are retried after the wait the server names, this many times. */
const RATE_LIMIT_RETRIES = 5;

/** Parses --server / CCAG_SERVER. */
export function serverUrl(server: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new ConfigurationError(`${source}: ${server} is not a URL such as http://127.0.0.1:4000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigurationError(`${source}: ${server} is not an http(s) URL`);
  return url;
}

/** GraphQL over HTTP with Node's own fetch, the token as a bearer token. */
export function graphqlClient(base: URL, token: string | undefined): GraphqlClient {
  const endpoint = new URL('/graphql', base);
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };

  async function post(body: string): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(endpoint, { method: 'POST', headers, body });
      } catch (error) {
        const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
        throw new ConfigurationError(`cannot reach the register at ${base.origin}: ${cause} (is it running? see --server / CCAG_SERVER)`);
      }
      if (response.status !== 429 || attempt >= RATE_LIMIT_RETRIES) return response;
      // The same request again is safe: writes carry their idempotency keys.
      const wait = Number(response.headers.get('retry-after'));
      await response.body?.cancel();
      await sleep(Number.isFinite(wait) && wait > 0 ? Math.min(wait, 60) * 1000 : 1000);
    }
  }

  return {
    origin: base.origin,
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await post(JSON.stringify({ query, variables }));
      if (response.status === 413) {
        throw new RemoteFailure(
          `the request is larger than ${base.origin} accepts (its BODY_LIMIT_BYTES); split the file`,
          'PAYLOAD_TOO_LARGE',
        );
      }
      if (response.status === 429)
        throw new RemoteFailure(`${base.origin} is rate-limiting this token; try again in a minute`, 'RATE_LIMITED');
      let answer: GraphqlAnswer;
      try {
        answer = (await response.json()) as GraphqlAnswer;
      } catch {
        throw new ConfigurationError(`${base.origin} answered ${response.status} without GraphQL: is it a CCAG register?`);
      }
      const first = answer.errors?.[0];
      if (first) {
        const given = typeof first.message === 'string' ? first.message : JSON.stringify(first);
        const extensions = first.extensions ?? {};
        const message =
          extensions['code'] === 'UNAUTHENTICATED'
            ? `${base.origin} refused the token: ${given} (${token ? 'check --token / CCAG_TOKEN' : 'give --token or CCAG_TOKEN'})`
            : given;
        throw errorFromServer(extensions['code'], message, extensions);
      }
      if (answer.data === undefined || answer.data === null) {
        throw new ConfigurationError(`${base.origin} answered ${response.status} without data: is it a CCAG register?`);
      }
      return answer.data as T;
    },
  };
}
