import { ValidationError } from '../core/errors.ts';
import type { Point, ResolvedPoint } from '../../projections/register/queries.ts';
import type { Register } from '../register.ts';

export interface PointInput {
  meeting?: number | null;
  time?: string | null;
  position?: string | null;
}

/** Checks a GraphQL Point has exactly one field and resolves it. Undefined input: now. */
export function resolvePointInput(register: Register, input: PointInput | null | undefined, path: string): ResolvedPoint | undefined {
  if (input === null || input === undefined) return undefined;
  const given = (['meeting', 'time', 'position'] as const).filter((k) => input[k] !== null && input[k] !== undefined);
  if (given.length !== 1) {
    throw new ValidationError([{ path: [path], message: 'give exactly one of meeting, time or position' }]);
  }
  const key = given[0]!;
  const point = { [key]: input[key] } as Point;
  try {
    return register.queries.resolve(point);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(error.issues.map((i) => ({ ...i, path: [path, ...i.path] })));
    }
    throw error;
  }
}
