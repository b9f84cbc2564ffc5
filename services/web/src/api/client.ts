import { print, type DocumentNode } from 'graphql';
import type { TadaDocumentNode } from 'gql.tada';
import { authorizationHeader } from '../session.ts';

/** One error of a GraphQL reply, as the register sends it (extensions.code, field paths). */
export interface ApiError {
  readonly message: string;
  readonly extensions?: {
    readonly code?: string;
    readonly fields?: readonly { readonly path: string; readonly message: string }[];
    readonly [key: string]: unknown;
  };
}

/** A reply with errors: the first one's code says what happened (CONFLICT, BAD_USER_INPUT, ...). */
export class ApiRequestError extends Error {
  constructor(
    readonly errors: readonly ApiError[],
    readonly status: number,
  ) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

const printed = new WeakMap<DocumentNode, string>();
const textOf = (document: DocumentNode): string => {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
};

export type Request = <Result, Variables>(
  document: TadaDocumentNode<Result, Variables>,
  ...variables: Variables extends Record<string, never> ? [] : [Variables]
) => Promise<Result>;

/** A GraphQL client for the register's own /graphql, speaking as `token` (or anonymously). */
export function requestWith(token: string | undefined): Request {
  return async (document, ...rest) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...authorizationHeader(token) },
      body: JSON.stringify({ query: textOf(document), variables: rest[0] ?? {} }),
    });
    let body: { data?: unknown; errors?: ApiError[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new ApiRequestError([{ message: `The register answered HTTP ${response.status}` }], response.status);
    }
    if (body.errors && body.errors.length > 0) throw new ApiRequestError(body.errors, response.status);
    return body.data as never;
  };
}
