import type { z } from 'zod';
import type { ItemKind } from '../../services/core/decider.ts';
import type { RegisterRules } from '../../schema/rules.ts';
import type { DateOrRange, PlannedDate } from '../../schema/values.ts';
import { slugify } from '../../schema/ids.ts';
import { parseDayDate, parsePlannedDate } from '../../schema/planned-date-text.ts';
import { changeProposalCommandSchemas } from '../../services/change-proposal/commands.ts';
import { milestoneCommandSchemas } from '../../services/milestone/commands.ts';
import { riskCommandSchemas } from '../../services/risk/commands.ts';
import { actionCommandSchemas } from '../../services/action/commands.ts';
import { meetingCommandSchemas } from '../../services/meeting/commands.ts';
import { workstreamReportCommandSchemas } from '../../services/workstream-report/commands.ts';
import { riskThemeCommandSchemas } from '../../services/risk-theme/commands.ts';

/*
 * The vocabulary the sample is written in: one step is one command a user could have run,
 * with the day it happened (effectiveAt) and the part of the pack it comes from (reason).
 */

/** A command as `register.execute` takes it. */
export interface SampleCommand {
  readonly type: 'command';
  readonly kind: ItemKind;
  readonly commandType: string;
  readonly input: Record<string, unknown>;
  readonly effectiveAt: string;
  readonly reason: string;
  /** Derived from what the step does, so loading the sample again writes nothing. */
  readonly idempotencyKey: string;
}

/** Holding a meeting, as `register.holdMeeting` takes it (the register computes the digest). */
export interface SampleMeetingHeld {
  readonly type: 'holdMeeting';
  readonly number: number;
  readonly heldOn: string;
  readonly effectiveAt: string;
  readonly reason: string;
  readonly idempotencyKey: string;
}

export type SampleStep = SampleCommand | SampleMeetingHeld;

const KEY_PREFIX = 'sample:ccag-35-36';

/** `2024-11-20` at `09:00` (UTC) as the ISO date-time an event's effectiveAt takes. */
export function at(isoDay: string, time = '09:00'): string {
  return `${isoDay}T${time}:00.000Z`;
}

/** A day as the pack prints it ("02/08/2024", "27/11/24") in ISO. */
export function ukDay(text: string): string {
  const iso = parseDayDate(text);
  if (!iso) throw new Error(`sample data: "${text}" is not a day`);
  return iso;
}

/**
 * The pack's two weekday slips: "Fri 24/09/25" is a Wednesday and "Tue 27/02/25" a
 * Thursday. The date is kept (the pack's dates agree with each other; its weekdays do
 * not), and any other mismatch is treated as a mistake in this file.
 */
const KNOWN_WEEKDAY_SLIPS = ['24/09/25 is a Wednesday, not a Friday', '27/02/25 is a Thursday, not a Tuesday'];

/** A planned date as the pack writes it ("Sun 13/10/24 for BSC; Wed 09/10/24 for REC", "tbc"). */
export function planned(text: string): PlannedDate {
  const parsed = parsePlannedDate(text, { onWeekdayMismatch: 'keepDate' });
  if (!parsed.ok) throw new Error(`sample data: ${parsed.message}`);
  for (const warning of parsed.warnings ?? []) {
    if (!KNOWN_WEEKDAY_SLIPS.some((slip) => warning.includes(slip))) throw new Error(`sample data: ${warning}`);
  }
  return parsed.value;
}

/** A key date is one date or a range, never a per-party date. */
export function keyDate(event: string, text: string): { event: string; date: DateOrRange } {
  const date = planned(text);
  if (date.kind === 'perParty') throw new Error(`sample data: key date "${event}" cannot differ per party`);
  return { event, date };
}

type CommandSchemas = Record<string, (rules: RegisterRules) => z.ZodType>;
type InputOf<S extends CommandSchemas, T extends keyof S> = z.input<ReturnType<S[T]>> & Record<string, unknown>;

function commandsOf<S extends CommandSchemas>(kind: ItemKind, _schemas: S, itemKeyOf: (input: Record<string, unknown>) => string) {
  return <T extends keyof S & string>(commandType: T, effectiveAt: string, input: InputOf<S, T>, reason: string): SampleCommand => ({
    type: 'command',
    kind,
    commandType,
    input,
    effectiveAt,
    reason,
    idempotencyKey: `${KEY_PREFIX}:${kind}:${itemKeyOf(input)}:${commandType}:${effectiveAt}`,
  });
}

const field = (input: Record<string, unknown>, name: string): string => String(input[name]);

export const changeProposalCommand = commandsOf(
  'changeProposal',
  changeProposalCommandSchemas,
  (input) => `${field(input, 'codeBody')}:${field(input, 'ref')}`,
);

export const milestoneCommand = commandsOf('milestone', milestoneCommandSchemas, (input) => {
  // Baselining names the milestone by reference (or description); later commands by key.
  const key = input['key'] ?? input['ref'] ?? slugify(field(input, 'description'));
  return `${field(input, 'workstream')}:${typeof key === 'string' ? key : JSON.stringify(key)}`;
});

export const riskCommand = commandsOf('risk', riskCommandSchemas, (input) => field(input, 'riskId'));

export const actionCommand = commandsOf('action', actionCommandSchemas, (input) => field(input, 'ref'));

export const meetingCommand = commandsOf('meeting', meetingCommandSchemas, (input) => field(input, 'number'));

export const workstreamReportCommand = commandsOf(
  'workstreamReport',
  workstreamReportCommandSchemas,
  (input) => `${field(input, 'meeting')}:${field(input, 'workstream')}`,
);

export const riskThemeCommand = commandsOf('riskTheme', riskThemeCommandSchemas, (input) =>
  slugify(field(input, input['key'] ? 'key' : 'theme')),
);

export function holdMeeting(number: number, heldOn: string, effectiveAt: string, reason: string): SampleMeetingHeld {
  return {
    type: 'holdMeeting',
    number,
    heldOn,
    effectiveAt,
    reason,
    idempotencyKey: `${KEY_PREFIX}:meeting:${number}:HoldMeeting:${effectiveAt}`,
  };
}
