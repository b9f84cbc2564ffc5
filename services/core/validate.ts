import type { z } from 'zod';
import { ValidationError } from './errors.ts';

/** Parses `input` with `schema`, or throws a ValidationError naming every bad field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  basePath: readonly (string | number)[] = [],
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      path: [...basePath, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: issue.message,
    })),
  );
}
