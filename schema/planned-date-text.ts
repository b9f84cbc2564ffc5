/**
 * Planned dates as people write them in the CCAG pack ("Sun 13/10/24 for BSC; Wed 09/10/24
 * for REC", "December 2024", "Q1 2025", "TBC") and as the register exports them (ISO).
 *
 * Formatting rules (parse accepts both styles, so either round-trips):
 * - UK: days as dd/mm/yy (dd/mm/yyyy outside 2000-2099, so the two-digit year never lies),
 *   months as "December 2024", quarters as "Q1 2025", "TBC". A range of two days is joined
 *   as the pack does, "14/10/24-30/10/24"; any other range with " – ".
 *   The weekday is printed only before a single day inside a per-party date, as the pack
 *   does there: several dates side by side are easier to tell apart with their weekdays.
 *   Parties read "BSC", "BSC and REC", "BSC, REC and DCUSA".
 * - ISO: "2024-12-11", "2024-12", "2025-Q1", "TBC", ranges "a..b", per party
 *   "BSC, REC: 2024-11-07; DCUSA: 2024-11-08".
 * Party names that themselves contain ";", ",", ":", " and " or " for " cannot round-trip.
 *
 * Calendar arithmetic is done by hand rather than with Date, whose two-digit-year and
 * time-zone behaviour would leak into a value that is only ever a calendar day.
 */
import { isoDate, type DateOrRange, type DatePoint, type PlannedDate } from './values.ts';

export type PlannedDateStyle = 'uk' | 'iso';

export type PlannedDateParseResult = { ok: true; value: PlannedDate; warnings?: string[] } | { ok: false; message: string };

export interface ParsePlannedDateOptions {
  /**
   * What to do when a weekday does not match its date. The pack itself has two such slips
   * ("Fri 24/09/25" is a Wednesday), so importing it needs 'keepDate'; typed input should
   * be rejected so the author says which of the two they meant. With 'keepDate' the date
   * wins and each mismatch is reported in `warnings`.
   */
  onWeekdayMismatch?: 'reject' | 'keepDate';
}

type BoundedPoint = Exclude<DatePoint, { kind: 'tbc' }>;
type PerPartyPart = Extract<PlannedDate, { kind: 'perParty' }>['parts'][number];

const EXPECTED =
  'expected a day (11/12/24, Wed 11/12/24, 11 December 2024, 2024-12-11), a month ' +
  '(December 2024, 2024-12), a quarter (Q1 2025, 2025-Q1), TBC, a range ' +
  '(14/10/24-30/10/24, 25 November 2024 – 12 December 2024) or dates per party ' +
  '(Sun 13/10/24 for BSC; Wed 09/10/24 for REC)';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const MONTH_BY_WORD = new Map<string, number>([
  ...MONTH_NAMES.map((name, i): [string, number] => [name.toLowerCase(), i + 1]),
  ...MONTH_NAMES.map((name, i): [string, number] => [name.slice(0, 3).toLowerCase(), i + 1]),
  ['sept', 9],
]);
const WEEKDAY_BY_WORD = new Map<string, number>([
  ...WEEKDAY_NAMES.map((name, i): [string, number] => [name.toLowerCase(), i]),
  ...WEEKDAY_NAMES.map((name, i): [string, number] => [name.slice(0, 3).toLowerCase(), i]),
  ['tues', 2],
  ['thur', 4],
  ['thurs', 4],
]);

// ---------------------------------------------------------------- calendar

const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** 0 = Sunday (Sakamoto's method, proleptic Gregorian, like the ISO dates zod accepts). */
function weekdayOf(y: number, m: number, d: number): number {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4] as const;
  const yy = m < 3 ? y - 1 : y;
  const n = yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + offsets[m - 1]! + d;
  return ((n % 7) + 7) % 7;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const toIso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

function splitIso(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y!, m!, d!];
}

function firstDayOf(point: BoundedPoint): string {
  switch (point.kind) {
    case 'date':
      return point.date;
    case 'month':
      return toIso(point.year, point.month, 1);
    case 'quarter':
      return toIso(point.year, point.quarter * 3 - 2, 1);
    default: {
      const _exhaustive: never = point;
      return _exhaustive;
    }
  }
}

// ---------------------------------------------------------------- formatting

function requireIsoDate(iso: string): [number, number, number] {
  if (!isoDate.safeParse(iso).success) {
    throw new RangeError(`"${iso}" is not an ISO date (YYYY-MM-DD)`);
  }
  return splitIso(iso);
}

/** "2024-11-27" → "27/11/24" (a four-digit year outside 2000-2099). */
export function formatUkDate(iso: string): string {
  const [y, m, d] = requireIsoDate(iso);
  const year = y >= 2000 && y <= 2099 ? pad(y - 2000, 2) : pad(y, 4);
  return `${pad(d, 2)}/${pad(m, 2)}/${year}`;
}

/** "2024-11-27" → "27 November 2024". */
export function formatUkLongDate(iso: string): string {
  const [y, m, d] = requireIsoDate(iso);
  return `${d} ${MONTH_NAMES[m - 1]} ${pad(y, 4)}`;
}

function formatPoint(point: DatePoint, style: PlannedDateStyle, withWeekday: boolean): string {
  switch (point.kind) {
    case 'tbc':
      return 'TBC';
    case 'date': {
      if (style === 'iso') return point.date;
      if (!withWeekday) return formatUkDate(point.date);
      const weekday = WEEKDAY_NAMES[weekdayOf(...splitIso(point.date))]!.slice(0, 3);
      return `${weekday} ${formatUkDate(point.date)}`;
    }
    case 'month':
      return style === 'iso' ? `${pad(point.year, 4)}-${pad(point.month, 2)}` : `${MONTH_NAMES[point.month - 1]} ${pad(point.year, 4)}`;
    case 'quarter':
      return style === 'iso' ? `${pad(point.year, 4)}-Q${point.quarter}` : `Q${point.quarter} ${pad(point.year, 4)}`;
    default: {
      const _exhaustive: never = point;
      return _exhaustive;
    }
  }
}

function formatDateOrRange(value: DateOrRange, style: PlannedDateStyle, withWeekday: boolean): string {
  if (value.kind !== 'range') return formatPoint(value, style, withWeekday);
  const from = formatPoint(value.from, style, false);
  const to = formatPoint(value.to, style, false);
  if (style === 'iso') return `${from}..${to}`;
  return value.from.kind === 'date' && value.to.kind === 'date' ? `${from}-${to}` : `${from} – ${to}`;
}

function formatParties(parties: readonly string[], style: PlannedDateStyle): string {
  if (style === 'iso' || parties.length < 2) return parties.join(', ');
  return `${parties.slice(0, -1).join(', ')} and ${parties[parties.length - 1]}`;
}

export function formatPlannedDate(value: PlannedDate, style: PlannedDateStyle = 'uk'): string {
  if (value.kind !== 'perParty') return formatDateOrRange(value, style, false);
  return value.parts
    .map(({ parties, date }) =>
      style === 'iso'
        ? `${formatParties(parties, style)}: ${formatDateOrRange(date, style, false)}`
        : `${formatDateOrRange(date, style, true)} for ${formatParties(parties, style)}`,
    )
    .join('; ');
}

// ---------------------------------------------------------------- parsing

/** `recognised` says the text had a known shape (so its error beats "expected ..."). */
type Step<T> = { ok: true; value: T } | { ok: false; recognised: boolean; message: string };

interface ParseContext {
  readonly onWeekdayMismatch: 'reject' | 'keepDate';
  readonly warnings: string[];
}

const unrecognised = { ok: false, recognised: false, message: EXPECTED } as const;
const invalid = (message: string) => ({ ok: false, recognised: true, message }) as const;

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

function expandYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

function checkedDay(y: number, m: number, d: number): Step<string> {
  if (m < 1 || m > 12) return invalid(`there is no month ${m}`);
  if (d < 1 || d > daysInMonth(y, m)) {
    const month = `${MONTH_NAMES[m - 1]} ${pad(y, 4)}`;
    return invalid(`there is no ${d} ${month} (${month} has ${daysInMonth(y, m)} days)`);
  }
  return { ok: true, value: toIso(y, m, d) };
}

function checkedYear(y: number): Step<number> {
  return y >= 2000 && y <= 2100 ? { ok: true, value: y } : invalid(`a month or quarter must fall in 2000-2100, not ${y}`);
}

/** A day without a weekday. */
function parseBareDay(text: string): Step<string> {
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (m) return checkedDay(expandYear(m[3]!), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return checkedDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? (\d{2}|\d{4})$/i.exec(text);
  const month = m && MONTH_BY_WORD.get(m[2]!.toLowerCase());
  if (m && month) return checkedDay(expandYear(m[3]!), month, Number(m[1]));
  return unrecognised;
}

/** A day, optionally led by its weekday ("Wed 11/12/24"), which must agree with it. */
function parseDay(text: string, ctx: ParseContext): Step<string> {
  const m = /^([a-z]+)\.?,? (.+)$/i.exec(text);
  const weekday = m ? WEEKDAY_BY_WORD.get(m[1]!.toLowerCase()) : undefined;
  if (!m || weekday === undefined) return parseBareDay(text);
  const day = parseBareDay(m[2]!);
  if (!day.ok) {
    return day.recognised ? day : invalid(`a weekday (${m[1]}) can only lead a single day such as ${m[1]} 11/12/24`);
  }
  const actual = weekdayOf(...splitIso(day.value));
  if (actual !== weekday) {
    const message = `${m[2]} is a ${WEEKDAY_NAMES[actual]}, not a ${WEEKDAY_NAMES[weekday]}`;
    if (ctx.onWeekdayMismatch === 'reject') return invalid(message);
    ctx.warnings.push(`"${text}": ${message}; kept the date`);
  }
  return day;
}

function parsePoint(text: string, ctx: ParseContext): Step<DatePoint> {
  if (/^tbc$/i.test(text)) return { ok: true, value: { kind: 'tbc' } };
  const day = parseDay(text, ctx);
  if (day.ok) return { ok: true, value: { kind: 'date', date: day.value } };
  if (day.recognised) return day;

  let m = /^([a-z]+)\.? (\d{4})$/i.exec(text);
  const monthOfName = m && MONTH_BY_WORD.get(m[1]!.toLowerCase());
  if (m && monthOfName) return monthPoint(Number(m[2]), monthOfName);
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return monthPoint(Number(m[1]), Number(m[2]));
  m = /^q(\d) ?(\d{4})$/i.exec(text);
  if (m) return quarterPoint(Number(m[2]), Number(m[1]));
  m = /^(\d{4})-q(\d)$/i.exec(text);
  if (m) return quarterPoint(Number(m[1]), Number(m[2]));
  return unrecognised;
}

function monthPoint(y: number, month: number): Step<DatePoint> {
  if (month < 1 || month > 12) return invalid(`there is no month ${month}`);
  const year = checkedYear(y);
  return year.ok ? { ok: true, value: { kind: 'month', year: year.value, month } } : year;
}

function quarterPoint(y: number, quarter: number): Step<DatePoint> {
  if (quarter < 1 || quarter > 4) return invalid(`there is no quarter Q${quarter}; quarters run Q1 to Q4`);
  const year = checkedYear(y);
  return year.ok ? { ok: true, value: { kind: 'quarter', year: year.value, quarter } } : year;
}

function makeRange(from: DatePoint, to: DatePoint): Step<DateOrRange> {
  if (from.kind === 'tbc' || to.kind === 'tbc') {
    return invalid('a range needs a known date at both ends; write TBC on its own if either end is unknown');
  }
  if (firstDayOf(to) < firstDayOf(from)) {
    return invalid(`the range ends (${formatPoint(to, 'uk', false)}) before it starts (${formatPoint(from, 'uk', false)})`);
  }
  return { ok: true, value: { kind: 'range', from, to } };
}

/**
 * A point, or two points joined by "-", "–", "—", "to" or "..". A hyphen also sits inside
 * ISO dates, so every separator is tried and the first split whose both sides are dates wins.
 */
function parseDateOrRange(text: string, ctx: ParseContext): Step<DateOrRange> {
  const point = parsePoint(text, ctx);
  if (point.ok || point.recognised) return point;
  let firstError: Step<DateOrRange> | undefined;
  for (const sep of text.matchAll(/ ?(?:–|—|\.\.|-) ?| to /gi)) {
    // Weekday warnings from a split that is then discarded must not leak out.
    const trial: ParseContext = { ...ctx, warnings: [] };
    const from = parsePoint(text.slice(0, sep.index), trial);
    const to = parsePoint(text.slice(sep.index + sep[0].length), trial);
    if (!(from.ok || from.recognised) || !(to.ok || to.recognised)) continue;
    const range = !from.ok ? from : !to.ok ? to : makeRange(from.value, to.value);
    if (range.ok) {
      ctx.warnings.push(...trial.warnings);
      return range;
    }
    firstError ??= range;
  }
  return firstError ?? unrecognised;
}

function parseParties(text: string): Step<string[]> {
  // Padding lets a dangling "and" at either end show up as a missing name.
  const parties = ` ${text} `.split(/ ?, ?| and /i).map((p) => p.trim());
  if (parties.some((p) => p === '')) return invalid(`a party name is missing in "${text}"`);
  return { ok: true, value: parties };
}

/** "Sun 13/10/24 for BSC" (as the pack writes it) or "BSC: 2024-10-13" (the ISO export). */
function parsePart(text: string, ctx: ParseContext): Step<PerPartyPart> {
  const uk = /^(.+?) for (.+)$/i.exec(text);
  const iso = uk ? null : /^(.+?) ?: ?(.+)$/.exec(text);
  const split = uk ? { date: uk[1]!, parties: uk[2]! } : iso ? { date: iso[2]!, parties: iso[1]! } : null;
  if (!split) return invalid(`"${text}" does not say which parties it is for ("Sun 13/10/24 for BSC")`);
  const date = parseDateOrRange(split.date, ctx);
  if (!date.ok) return invalid(`in "${text}": ${date.message}`);
  const parties = parseParties(split.parties);
  return parties.ok ? { ok: true, value: { parties: parties.value, date: date.value } } : parties;
}

const looksPerParty = (text: string) => text.includes(';') || / for /i.test(text) || text.includes(':');

function parsePerParty(text: string, ctx: ParseContext): Step<PlannedDate> {
  const pieces = text.split(';').map((p) => p.trim());
  if (pieces.some((p) => p === '')) return invalid('a per-party part is empty (check the ";" separators)');
  const parts: PerPartyPart[] = [];
  for (const piece of pieces) {
    const part = parsePart(piece, ctx);
    if (!part.ok) return part;
    parts.push(part.value);
  }
  if (parts.length < 2) {
    return invalid(
      'dates per party need at least two parts separated by ";" ("Sun 13/10/24 for BSC; Wed 09/10/24 for REC"); ' +
        'when one date applies, write it without "for ..."',
    );
  }
  return { ok: true, value: { kind: 'perParty', parts } };
}

export function parsePlannedDate(text: string, options: ParsePlannedDateOptions = {}): PlannedDateParseResult {
  const ctx: ParseContext = { onWeekdayMismatch: options.onWeekdayMismatch ?? 'reject', warnings: [] };
  const normalised = normalise(text);
  if (normalised === '') return { ok: false, message: `A planned date is required: ${EXPECTED}` };
  const result = looksPerParty(normalised) ? parsePerParty(normalised, ctx) : parseDateOrRange(normalised, ctx);
  if (!result.ok) return { ok: false, message: `Cannot read "${normalised}" as a planned date: ${result.message}` };
  return ctx.warnings.length ? { ok: true, value: result.value, warnings: ctx.warnings } : { ok: true, value: result.value };
}

/** A single day as ISO ("27/11/24", "Wed 27/11/24", "27 November 2024", "2024-11-27"), else undefined. */
export function parseDayDate(text: string): string | undefined {
  const day = parseDay(normalise(text), { onWeekdayMismatch: 'reject', warnings: [] });
  return day.ok ? day.value : undefined;
}

// ---------------------------------------------------------------- comparing

/** The earliest day the value can mean, for sorting and "moved earlier/later"; null for TBC. */
export function plannedDateSortKey(value: PlannedDate): string | null {
  switch (value.kind) {
    case 'tbc':
      return null;
    case 'date':
    case 'month':
    case 'quarter':
      return firstDayOf(value);
    case 'range':
      return firstDayOf(value.from);
    case 'perParty': {
      const keys = value.parts.map((p) => plannedDateSortKey(p.date)).filter((k): k is string => k !== null);
      return keys.length ? keys.reduce((a, b) => (b < a ? b : a)) : null;
    }
    default: {
      const _exhaustive: never = value;
      return _exhaustive;
    }
  }
}

/** A canonical, key-order-independent form; arrays make JSON.stringify injective here. */
function canonical(value: PlannedDate): unknown {
  switch (value.kind) {
    case 'tbc':
      return ['tbc'];
    case 'date':
      return ['date', value.date];
    case 'month':
      return ['month', value.year, value.month];
    case 'quarter':
      return ['quarter', value.year, value.quarter];
    case 'range':
      return ['range', canonical(value.from), canonical(value.to)];
    case 'perParty':
      return ['perParty', value.parts.map((p) => [p.parties, canonical(p.date)])];
    default: {
      const _exhaustive: never = value;
      return _exhaustive;
    }
  }
}

export function plannedDatesEqual(a: PlannedDate, b: PlannedDate): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
