import { formatUkDate, parseDayDate } from '../../schema/planned-date-text.ts';

/*
 * A dated update as people type it. The pack prints "Update 20/11 – Party impact assessment
 * has been published ..."; the register keeps the day apart from the text and writes the
 * prefix itself, so a prefix typed into the text is read as the update's day, and dropped.
 */

/** An update as the pack prints it: "Update 20/11 – ...", the prefix the register's own, written once. */
export function writtenUpdate(update: { readonly on: string; readonly text: string }): string {
  return `Update ${formatUkDate(update.on).slice(0, 5)} – ${update.text}`;
}

/** "Update 04/12 – ", "update 4/12/24 - ", "Update 04/12/2024 — ", "04/12: " (the word where the caller allows it). */
const typedPrefix = /^\s*(update\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?\s*[-–—:]+\s*/i;

/** A typed "Update dd/mm[/yy] –" at the start of a text. */
export interface TypedUpdatePrefix {
  readonly day: number;
  readonly month: number;
  /** As typed, four digits (a two-digit year is this century's); undefined when not given. */
  readonly year: number | undefined;
  /** The prefix as typed, with the space after it: the update's text follows. */
  readonly typed: string;
}

/**
 * The prefix `text` begins with, if any. In an update's own text the word "Update" is needed
 * ("3/4 - of parties replied" is text); on a line of a cell of updates, where each update
 * starts a line with its day, the day alone may begin one.
 */
export function typedUpdatePrefix(text: string, word: 'required' | 'optional'): TypedUpdatePrefix | null {
  const found = typedPrefix.exec(text);
  if (!found || (word === 'required' && found[1] === undefined)) return null;
  const [typed, , dd, mm, yy] = found;
  const year = yy === undefined ? undefined : yy.length === 2 ? 2000 + Number(yy) : Number(yy);
  return { day: Number(dd), month: Number(mm), year, typed };
}

/** Whether the prefix names `day` (ISO): its day and month, and its year where it gives one. */
export function prefixNames(prefix: TypedUpdatePrefix, day: string): boolean {
  return (
    Number(day.slice(8, 10)) === prefix.day &&
    Number(day.slice(5, 7)) === prefix.month &&
    (prefix.year === undefined || Number(day.slice(0, 4)) === prefix.year)
  );
}

/**
 * The day (ISO) a typed prefix means: with its year, that day; without, the latest such day
 * up to `today` (an update is news of what happened: "Update 04/12" typed in January is last
 * December's). Undefined when no calendar has the day (31/04; 29/02 in the years looked at).
 */
export function dayOfPrefix(prefix: TypedUpdatePrefix, today: string): string | undefined {
  const on = (year: number) => parseDayDate(`${prefix.day}/${prefix.month}/${year}`);
  if (prefix.year !== undefined) return on(prefix.year);
  const thisYear = Number(today.slice(0, 4));
  // A 29 February is at most eight years back (1900 and 2100 are not leap years).
  for (let year = thisYear; year >= thisYear - 8; year--) {
    const day = on(year);
    if (day !== undefined && day <= today) return day;
  }
  return undefined;
}
