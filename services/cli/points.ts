import type { Point } from '../../projections/register/queries.ts';
import { isoDateTime } from '../../schema/metadata.ts';
import { UsageError } from './exit-codes.ts';

export const pointHelp = 'meeting:N (the pack frozen at CCAG #N), time:ISO-8601 with offset (2024-11-27T10:00:00Z), position:P, or now';

/** Reads `meeting:35`, `time:2024-11-27T10:00:00Z`, `position:42` or `now` (undefined). */
export function parsePointArgument(text: string, option: string): Point | undefined {
  const trimmed = text.trim();
  if (trimmed === 'now') return undefined;
  const separator = trimmed.indexOf(':');
  const prefix = separator < 0 ? '' : trimmed.slice(0, separator);
  const value = trimmed.slice(separator + 1).trim();
  switch (prefix) {
    case 'meeting': {
      const number = /^#?(\d{1,6})$/.exec(value);
      if (number) return { meeting: Number(number[1]) };
      break;
    }
    case 'time':
      if (isoDateTime.safeParse(value).success) return { time: value };
      break;
    case 'position':
      if (/^\d+(\/\d+)?$/.test(value)) return { position: value };
      break;
    default:
      break;
  }
  throw new UsageError(`${option} ${text}: expected ${pointHelp}`);
}

/** How a point reads in a heading. */
export function describePoint(point: Point | undefined): string {
  if (point === undefined) return 'now';
  if ('meeting' in point) return `CCAG #${point.meeting}`;
  if ('time' in point) return `the register at ${point.time}`;
  return `log position ${point.position}`;
}
