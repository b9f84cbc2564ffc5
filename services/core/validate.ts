import type { z } from 'zod';
import { ValidationError } from './errors.ts';

/** Parses `input` with `schema`, or throws a ValidationError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, basePath: readonly (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.flatMap((issue) => {
      const path = [...basePath, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
      // Name each unknown field by its own path, so a typo is reported where it was made.
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ path: [...path, key], message: 'is not a known field' }));
      }
      return [{ path, message: issue.message }];
    }),
  );
}
