import type { z } from 'zod';
import type { ItemKind } from '../items.ts';
import { ValidationError, type FieldIssue } from '../../../core/errors.ts';
import { parseInput } from '../../../core/validate.ts';
import { changeProposalCommandSchemas } from '../../../change-proposal/commands.ts';
import { milestoneCommandSchemas } from '../../../milestone/commands.ts';
import { riskCommandSchemas } from '../../../risk/commands.ts';
import { actionCommandSchemas } from '../../../action/commands.ts';
import { holdMeetingInputSchema, meetingCommandSchemas } from '../../../meeting/commands.ts';
import { workstreamReportCommandSchemas } from '../../../workstream-report/commands.ts';
import { riskThemeCommandSchemas } from '../../../risk-theme/commands.ts';
import { formatPlannedDate, formatUkLongDate, parseDayDate, parsePlannedDate } from '../../../../schema/planned-date-text.ts';
import type { RegisterRules } from '../../../../schema/rules.ts';

/*
 * The browser checks a form's input exactly as the server does: with the zod schema of the
 * slice's command (which reads dates as the pack writes them). The server checks again; its
 * BAD_USER_INPUT field paths land on the same fields.
 */
const schemas: Record<ItemKind, Record<string, (rules: RegisterRules) => z.ZodType>> = {
  changeProposal: changeProposalCommandSchemas,
  milestone: milestoneCommandSchemas,
  risk: riskCommandSchemas,
  action: actionCommandSchemas,
  meeting: meetingCommandSchemas,
  workstreamReport: workstreamReportCommandSchemas,
  riskTheme: riskThemeCommandSchemas,
};

/**
 * Where a mutation's input is not its command's: holding a meeting, the server adds the
 * boundary and digest it freezes to what the form sends.
 */
const inputSchemas: Record<string, (rules: RegisterRules) => z.ZodType> = { HoldMeeting: holdMeetingInputSchema };

/** Problems with the input, keyed by field path ("score", "fields.title", "owner.party"). */
export function checkInput(kind: ItemKind, commandType: string, input: Record<string, unknown>, rules: RegisterRules): Map<string, string> {
  const problems = new Map<string, string>();
  const add = (issues: readonly FieldIssue[]) => {
    for (const issue of issues) {
      const path = issue.path.join('.');
      if (!problems.has(path)) problems.set(path, issue.message);
    }
  };
  const factory = inputSchemas[commandType] ?? schemas[kind][commandType];
  if (!factory) throw new Error(`No schema for ${kind} ${commandType}`);
  try {
    parseInput(factory(rules), input, []);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    add(error.issues);
  }
  return problems;
}

/** How a planned date or a day was read, in words, before it is sent. */
export function readingOf(type: 'plannedDate' | 'day', text: string): { ok: boolean; text: string } | undefined {
  if (text.trim() === '') return undefined;
  if (type === 'day') {
    const iso = parseDayDate(text);
    return iso ? { ok: true, text: `Read as ${formatUkLongDate(iso)} (${iso})` } : { ok: false, text: 'Not a date the register can read' };
  }
  const parsed = parsePlannedDate(text);
  if (!parsed.ok) return { ok: false, text: parsed.message };
  return { ok: true, text: `Read as ${formatPlannedDate(parsed.value, 'uk')} (${formatPlannedDate(parsed.value, 'iso')})` };
}
