import type { FieldIssue } from './errors.ts';

const loneSurrogate = /\p{Cs}/u;

/**
 * Paths of every string (keys included) holding a lone UTF-16 surrogate. The hash chain's
 * canonical JSON (RFC 8785) and the idempotency ids cannot encode one, so the command
 * handler refuses such a command by field instead of failing while hashing it.
 */
export function loneSurrogateIssues(value: unknown, path: readonly (string | number)[]): FieldIssue[] {
  if (typeof value === 'string') {
    return loneSurrogate.test(value) ? [{ path: [...path], message: 'contains a lone UTF-16 surrogate, which is not Unicode text' }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => loneSurrogateIssues(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [...loneSurrogateIssues(key, path), ...loneSurrogateIssues(item, [...path, key])]);
}
