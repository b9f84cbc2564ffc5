import { formatPlannedDate, formatUkDate, formatUkLongDate } from '../../schema/planned-date-text.ts';
import type { DateOrRange, PlannedDate } from '../../schema/values.ts';

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "27/11/24", or "Wed 27/11/24" with its weekday, as the M7 and M8 tables print days. */
export function packPlannedDate(value: PlannedDate, options: { weekday: boolean }): string {
  if (value.kind === 'date' && options.weekday) {
    return `${weekdays[new Date(`${value.date}T00:00:00Z`).getUTCDay()]} ${formatUkDate(value.date)}`;
  }
  return formatPlannedDate(value, 'uk');
}

/** "23/10/2024": the full-year day of the action log and the Horizon Scanning Log. */
export function fullYearDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A decision date as the Horizon Scanning Log prints it: "11/12/2024", "December 2024", "TBC". */
export function decisionDateText(value: PlannedDate): string {
  return value.kind === 'date' ? fullYearDay(value.date) : formatPlannedDate(value, 'uk');
}

/** A key date as DCR0001's timeline prints it: "19 November 2024", "25 November 2024 – 12 December 2024". */
export function longDateText(value: DateOrRange): string {
  if (value.kind === 'date') return formatUkLongDate(value.date);
  if (value.kind === 'range') return `${longDateText(value.from)} – ${longDateText(value.to)}`;
  return formatPlannedDate(value, 'uk');
}

/** "18 December": a forward plan's column. */
export function dayAndMonth(iso: string): string {
  return formatUkLongDate(iso).replace(/ \d{4}$/, '');
}

export { formatUkDate, formatUkLongDate };
