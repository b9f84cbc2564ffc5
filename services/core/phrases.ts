import type { PlannedDate } from '../../schema/values.ts';
import { formatPlannedDate, formatUkDate, plannedDateSortKey } from '../../schema/planned-date-text.ts';

/* Small phrases the presenters share, so every slice writes dates the pack's way. */

/** A planned date as GraphQL's PlannedDate: the pack's text, ISO text, a sort key and the value. */
export function plannedDateObject(date: PlannedDate) {
  return { text: formatPlannedDate(date, 'uk'), iso: formatPlannedDate(date, 'iso'), sortKey: plannedDateSortKey(date), value: date };
}

/** A planned date in a sentence: "24/09/25", "December 2024", "TBC". */
export const plannedText = (date: PlannedDate): string => formatPlannedDate(date);

/** A day in a sentence, dd/mm/yy; "none" when there is none. */
export const dayText = (day: string | null): string => (day === null ? 'none' : formatUkDate(day));
