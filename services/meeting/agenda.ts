import { z } from 'zod';
import type { RegisterRules } from '../../schema/rules.ts';
import { characterProblem, freeTextTypes } from '../../schema/values.ts';

/*
 * A meeting's agenda as the pack's agenda table prints it: item, objective, type, lead and
 * time slot ("10:05-10:15 10 mins"). Only the title is required; the pack's Welcome has no
 * objective or type, and its Appendices no time.
 */

const line = z.string().min(1);

/** How the pack heads an item's page, in capitals: "Decision: ...", "Discussion: ...", "Information: ...". */
export const agendaItemType = z.enum(['Decision', 'Discussion', 'Information']);
export type AgendaItemType = z.infer<typeof agendaItemType>;

/** A time of day, 24-hour: `10:05`. */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 10:05');

/** When an item is taken; the pack's "0 mins" item starts and ends at once. */
export const timeSlot = z.strictObject({ start: timeOfDay, end: timeOfDay });
export type TimeSlot = z.infer<typeof timeSlot>;

export const agendaItemSchema = z.strictObject({
  title: line,
  objective: line.nullable(),
  type: agendaItemType.nullable(),
  lead: line.nullable(),
  time: timeSlot.nullable(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

/** Events of version 1 stored the agenda as titles only. */
export const agendaFromTitles = (agenda: unknown): unknown =>
  Array.isArray(agenda) ? (agenda as unknown[]).map((entry) => (typeof entry === 'string' ? titleOnly(entry) : entry)) : agenda;

export const titleOnly = (title: string): AgendaItem => ({ title, objective: null, type: null, lead: null, time: null });

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The slot's length in minutes, as the pack prints it beside the times. */
export const slotMinutes = (slot: TimeSlot): number => minutesOf(slot.end) - minutesOf(slot.start);

/** `10:05-10:15`, as the pack writes a slot. */
export const slotText = (slot: TimeSlot): string => `${slot.start}-${slot.end}`;

const SLOT_TEXT = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})(?:\s+(\d+)\s*mins?)?$/i;

/** "10:05-10:15", "10:05 – 10:15" or the pack's "10:05-10:15 10 mins" (the minutes must agree); or the structured slot. */
export const timeSlotInput = z
  .unknown()
  .transform((value, ctx) => {
    if (typeof value !== 'string') return value;
    // Text like every other field's: the reader's \s would otherwise let a form feed or a vertical tab through.
    const problem = characterProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    const match = SLOT_TEXT.exec(value.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: 'must be a time slot such as 10:05-10:15 (optionally followed by "10 mins")' });
      return z.NEVER;
    }
    const pad = (time: string) => time.padStart(5, '0');
    const slot = { start: pad(match[1]!), end: pad(match[2]!) };
    const stated = match[3];
    if (stated !== undefined && timeSlot.safeParse(slot).success && slotMinutes(slot) !== Number(stated)) {
      ctx.addIssue({ code: 'custom', message: `${slotText(slot)} is ${slotMinutes(slot)} minutes, not ${stated}` });
      return z.NEVER;
    }
    return slot;
  })
  .pipe(timeSlot)
  .superRefine((slot, ctx) => {
    if (slotMinutes(slot) < 0) ctx.addIssue({ code: 'custom', message: `ends (${slot.end}) before it starts (${slot.start})` });
  });

const nullAsNone = <S extends z.ZodType>(schema: S) => schema.nullable().default(null);

/** The type in any case, as the pack also writes it in capitals in its headings. */
const agendaItemTypeInput = z.preprocess(
  (value) =>
    typeof value === 'string' ? (agendaItemType.options.find((t) => t.toLowerCase() === value.trim().toLowerCase()) ?? value) : value,
  agendaItemType,
);

/** One agenda item as a caller gives it: everything but the title may be left out (null). */
export const agendaItemInput = (rules: RegisterRules) => {
  const text = freeTextTypes(rules.textLimits);
  return z.strictObject({
    title: text.title,
    objective: nullAsNone(text.text),
    type: nullAsNone(agendaItemTypeInput),
    lead: nullAsNone(text.title),
    time: nullAsNone(timeSlotInput),
  });
};

/**
 * An agenda entry: a title alone (the CSV import's and older clients' form), or the whole
 * item. A bad title alone is named at the entry itself, as the entry is the title.
 */
export const agendaEntryInput = (rules: RegisterRules) => {
  const title = freeTextTypes(rules.textLimits).title.transform(titleOnly);
  const item = agendaItemInput(rules);
  return z.unknown().transform((value, ctx): AgendaItem => {
    const result = typeof value === 'string' ? title.safeParse(value) : item.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0] & object);
    return z.NEVER;
  });
};

/**
 * The agenda of a command: `agenda` (titles, or whole items) or `agendaItems` (whole items,
 * as GraphQL's typed input sends them), never both. Both arrive as `agenda`.
 */
export function agendaInputShape(rules: RegisterRules) {
  return {
    agenda: z.preprocess((v) => (v === null ? undefined : v), z.array(agendaEntryInput(rules)).optional()),
    agendaItems: z.preprocess((v) => (v === null ? undefined : v), z.array(agendaItemInput(rules)).optional()),
  };
}

/** Refines an input holding both agenda fields: refuses both; `required` also refuses neither. */
export function refuseTwoAgendas(required: boolean) {
  return (data: { agenda?: unknown; agendaItems?: unknown }, ctx: z.RefinementCtx) => {
    if (data.agenda !== undefined && data.agendaItems !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['agendaItems'], message: 'give the agenda as agenda or as agendaItems, not both' });
    } else if (required && data.agenda === undefined && data.agendaItems === undefined) {
      ctx.addIssue({ code: 'custom', path: ['agenda'], message: 'give the agenda (titles or items) or agendaItems' });
    }
  };
}

/** The command's agenda, from whichever field gave it; undefined when neither did. */
export function mergedAgenda<T extends { agenda?: AgendaItem[] | undefined; agendaItems?: AgendaItem[] | undefined }>(
  data: T,
): Omit<T, 'agenda' | 'agendaItems'> & { agenda?: AgendaItem[] } {
  const { agenda, agendaItems, ...rest } = data;
  const merged = agendaItems ?? agenda;
  return merged === undefined ? rest : { ...rest, agenda: merged };
}
