import { z } from 'zod';

const notUnicode = 'contains a lone UTF-16 surrogate, which is not Unicode text';
/** With the `u` flag a paired surrogate reads as one code point, so only a lone one is Cs. */
const isUnicode = (value: string): boolean => !/\p{Cs}/u.test(value);

/** An ISO calendar date, `2024-11-27`. The register stores ISO; the pack shows 27/11/24. */
export const isoDate = z.iso.date();
export type IsoDate = z.infer<typeof isoDate>;

const year = z.number().int().min(2000).max(2100);

/** One point in time as the pack writes it: a day, a month, a quarter, or TBC. */
export const datePoint = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: isoDate }),
  z.object({ kind: z.literal('month'), year, month: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('quarter'), year, quarter: z.number().int().min(1).max(4) }),
  z.object({ kind: z.literal('tbc') }),
]);
export type DatePoint = z.infer<typeof datePoint>;

const boundedPoint = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: isoDate }),
  z.object({ kind: z.literal('month'), year, month: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('quarter'), year, quarter: z.number().int().min(1).max(4) }),
]);

/** A point, or a range between two known points ("14/10/24-30/10/24"). */
export const dateOrRange = z.union([datePoint, z.object({ kind: z.literal('range'), from: boundedPoint, to: boundedPoint })]);
export type DateOrRange = z.infer<typeof dateOrRange>;

/**
 * A planned date: one date-or-range, or several that differ per party
 * ("Sun 13/10/24 for BSC; Wed 09/10/24 for REC").
 */
export const plannedDate = z.union([
  dateOrRange,
  z.object({
    kind: z.literal('perParty'),
    parts: z.array(z.object({ parties: z.array(z.string().min(1).refine(isUnicode, notUnicode)).min(1), date: dateOrRange })).min(2),
  }),
]);
export type PlannedDate = z.infer<typeof plannedDate>;

export const milestoneStatus = z.enum(['Green', 'Amber', 'Red', 'In progress', 'Complete']);
export type MilestoneStatus = z.infer<typeof milestoneStatus>;

export const actionStatus = z.enum(['Open', 'Recommended closed', 'Closed']);
export type ActionStatus = z.infer<typeof actionStatus>;

/** `CCAG35-01`: meeting 35, item 1. */
export const actionRef = z.string().regex(/^CCAG\d{1,4}-\d{2,3}$/, 'must look like CCAG35-01');

export const changeProposalStatus = z.enum([
  'New',
  'Initial Assessment',
  'Under Development',
  'Consultation',
  'Report Phase',
  'Voting',
  'Awaiting Authority approval',
  'Awaiting Authority decision',
  'Approved',
  'Rejected',
  'Implemented',
  'Withdrawn',
]);
export type ChangeProposalStatus = z.infer<typeof changeProposalStatus>;

/** Risk scores run 1 (lowest) to 30 (highest), as in the pack's assessment grid. */
export const riskScore = z.number().int().min(1).max(30);

/** `R920`. */
export const riskId = z.string().regex(/^R\d{1,5}$/, 'must look like R920');

/**
 * The most characters (Unicode code points, after NFC) each kind of free text may hold.
 * `title`: titles, names, references, agenda items; `text`: descriptions, updates, reasons;
 * `summary`: a change proposal's summary, stakeholder positions and MHHS impact.
 */
export interface TextLimits {
  readonly title: number;
  readonly text: number;
  readonly summary: number;
}

export const defaultTextLimits: TextLimits = { title: 300, text: 4000, summary: 20000 };

/** Control characters other than tab (U+0009) and newline (U+000A), including DEL and the C1 range. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const forbiddenControl = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

const codePoint = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is not text a field may hold (a lone surrogate, a control character), or null. */
export function characterProblem(value: string): string | null {
  if (!isUnicode(value)) return notUnicode;
  const control = forbiddenControl.exec(value.replace(/\r\n?/g, '\n'));
  return control ? `contains the control character ${codePoint(control[0])}; only newline and tab are allowed` : null;
}

/**
 * One text field as every command takes it: Unicode (no lone surrogate: the hash chain's
 * canonical JSON cannot encode one), NFC-normalised, line ends as `\n`, trimmed, no control
 * characters but newline and tab (wherever they stand), non-empty, at most `maxLength` code points.
 */
export function freeText(maxLength: number) {
  return z
    .string()
    .refine((value) => characterProblem(value) === null, {
      error: (issue) => characterProblem(String(issue.input)) ?? undefined,
      abort: true,
    })
    .overwrite((value) => value.replace(/\r\n?/g, '\n').normalize('NFC').trim())
    .superRefine((value, ctx) => {
      if (value.length === 0) ctx.addIssue({ code: 'custom', message: 'must not be empty' });
      const length = [...value].length;
      if (length > maxLength) ctx.addIssue({ code: 'custom', message: `is ${length} characters long; at most ${maxLength} are allowed` });
    });
}

export type FreeText = ReturnType<typeof freeText>;

/** The three kinds of free text, each with its configured maximum length. */
export function freeTextTypes(limits: TextLimits): { readonly title: FreeText; readonly text: FreeText; readonly summary: FreeText } {
  return { title: freeText(limits.title), text: freeText(limits.text), summary: freeText(limits.summary) };
}

export const idempotencyKeyMaxLength = 200;

/** A client's idempotency key: printable, non-empty ("" would be one key shared by every command). */
export const idempotencyKey = z
  .string()
  .refine(isUnicode, { message: notUnicode, abort: true })
  .superRefine((value, ctx) => {
    if (value.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be empty; leave it out for a write without one' });
    if (/[\p{Cc}]/u.test(value)) ctx.addIssue({ code: 'custom', message: 'must not contain control characters' });
    if (value.length > idempotencyKeyMaxLength) {
      ctx.addIssue({ code: 'custom', message: `is ${value.length} characters long; at most ${idempotencyKeyMaxLength} are allowed` });
    }
  });
