import { useLocation } from './router.ts';

/**
 * The point the whole UI is at, from the URL's `at` parameter: `meeting:35`,
 * `time:2024-10-09T12:00:00Z` or `position:1042`. Absent: now. Sent as the API's Point input.
 */
export type PointInput = { meeting: number } | { time: string } | { position: string };

export function parsePoint(text: string | null): PointInput | undefined {
  if (!text) return undefined;
  const [kind, ...rest] = text.split(':');
  const value = rest.join(':').trim();
  if (value === '') return undefined;
  if (kind === 'meeting' && /^\d+$/.test(value)) return { meeting: Number(value) };
  if (kind === 'time') return { time: value };
  if (kind === 'position') return { position: value };
  return undefined;
}

export function pointText(point: PointInput): string {
  if ('meeting' in point) return `meeting:${point.meeting}`;
  if ('time' in point) return `time:${point.time}`;
  return `position:${point.position}`;
}

export function describePoint(point: PointInput): string {
  if ('meeting' in point) return `as frozen at CCAG #${point.meeting}`;
  if ('time' in point) return `as it stood at ${point.time}`;
  return `as it stood at log position ${point.position}`;
}

/** The point in the URL, or undefined for now. */
export function usePoint(): PointInput | undefined {
  return parsePoint(useLocation().search.get('at'));
}
