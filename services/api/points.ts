import { ValidationError } from '../core/errors.ts';
import type { Point, ResolvedPoint } from '../../projections/register/queries.ts';
import { parseEffective, type EffectiveCutoff } from '../../projections/effective/effective-time.ts';
import type { Register } from '../register.ts';

export interface PointInput {
  meeting?: number | null;
  time?: string | null;
  position?: string | null;
  effective?: string | null;
}

/** A point in both times: the register as known at `seq`, about the world on `effective` (absent: as recorded). */
export interface BitemporalPoint extends ResolvedPoint {
  readonly effective?: EffectiveCutoff;
}

/**
 * Checks a GraphQL Point (at most one of meeting, time or position, optionally with
 * effective; at least one field) and resolves it. Undefined input: now. With
 * `requireHistory`, a point before any of the register's history is refused with a message
 * saying so, rather than answered with an empty register.
 */
export function resolvePointInput(
  register: Register,
  input: PointInput | null | undefined,
  path: string,
  options: { requireHistory?: boolean } = {},
): BitemporalPoint | undefined {
  if (input === null || input === undefined) return undefined;
  const given = (['meeting', 'time', 'position'] as const).filter((k) => input[k] !== null && input[k] !== undefined);
  const effectiveText = input.effective ?? undefined;
  if (given.length > 1 || (given.length === 0 && effectiveText === undefined)) {
    throw new ValidationError([{ path: [path], message: 'give one of meeting, time or position, and/or effective' }]);
  }
  let effective: EffectiveCutoff | undefined;
  if (effectiveText !== undefined) {
    effective = parseEffective(effectiveText);
    if (!effective) {
      throw new ValidationError([
        { path: [path, 'effective'], message: `${effectiveText} is not a date (2024-11-01) or an ISO-8601 date-time with offset` },
      ]);
    }
  }
  let resolved: ResolvedPoint;
  try {
    const key = given[0];
    resolved = register.itemsAt.resolve(key === undefined ? undefined : ({ [key]: input[key] } as Point));
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(error.issues.map((i) => ({ ...i, path: [path, ...i.path] })));
    }
    throw error;
  }
  if (options.requireHistory) refuseBeforeHistory(register, resolved, effective, path, given[0]);
  return effective ? { ...resolved, effective } : resolved;
}

function refuseBeforeHistory(
  register: Register,
  point: ResolvedPoint,
  effective: EffectiveCutoff | undefined,
  path: string,
  known: string | undefined,
): void {
  if (point.seq === 0) {
    const first = register.log.firstRecordedAt();
    const detail = first ? `its first event was recorded at ${first}` : 'the register holds no events yet';
    throw new ValidationError([{ path: [path, known ?? 'time'], message: `that is before the register's history: ${detail}` }]);
  }
  if (!effective) return;
  const earliest = register.effective.earliest(point.seq);
  if (earliest === undefined || Date.parse(earliest) > effective.atOrBefore) {
    throw new ValidationError([
      {
        path: [path, 'effective'],
        message: `nothing the register knows was effective on or before ${effective.label}: its earliest effective date is ${earliest ?? 'none'}`,
      },
    ]);
  }
}

/** A resolved point's effective date, as the caller named it. */
export const pointTypeResolvers = {
  ResolvedPoint: {
    effective: (point: BitemporalPoint) => point.effective?.label ?? null,
  },
};
