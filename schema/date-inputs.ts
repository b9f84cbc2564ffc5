import { z } from 'zod';
import { characterProblem, dateOrRange, isoDate, plannedDate } from './values.ts';
import { parseDayDate, parsePlannedDate } from './planned-date-text.ts';

/*
 * Dates in command input, as people type them or as structured values. Reading text is part
 * of the command's schema, so one parse names every bad field, dates included.
 */

/** Date text is read like any text: a lone surrogate or control character is named at the field itself. */
function refusedAsText(value: string, ctx: z.RefinementCtx): boolean {
  const problem = characterProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
  return problem !== null;
}

/** A planned date: "December 2024", "Q1 2025", "TBC", "Sun 13/10/24 for BSC; Wed 09/10/24 for REC", or the value. */
export const plannedDateInput = z
  .unknown()
  .transform((value, ctx) => {
    if (typeof value !== 'string') return value;
    if (refusedAsText(value, ctx)) return z.NEVER;
    const parsed = parsePlannedDate(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  })
  .pipe(plannedDate);

/** A key date of a CP's timeline: a planned date that is the same for every party. */
export const keyDateValueInput = z
  .unknown()
  .transform((value, ctx) => {
    if (typeof value !== 'string') return value;
    if (refusedAsText(value, ctx)) return z.NEVER;
    const parsed = parsePlannedDate(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    else if (parsed.value.kind === 'perParty') ctx.addIssue({ code: 'custom', message: 'a key date cannot differ per party' });
    else return parsed.value;
    return z.NEVER;
  })
  .pipe(dateOrRange);

/** One calendar day: "27/11/24", "Wed 27/11/24", "27 November 2024" or "2024-11-27"; stored as ISO. */
export const dayInput = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const iso = parseDayDate(text);
    if (iso !== undefined) return iso;
    ctx.addIssue({ code: 'custom', message: `cannot read "${text}" as a day: write it as 27/11/24, 27 November 2024 or 2024-11-27` });
    return z.NEVER;
  })
  .pipe(isoDate);
