import type { CommandsOf } from '../core/decider.ts';
import { z } from 'zod';
import { checkChangeProposalRef, statusesOfCodeBody, type RegisterRules } from '../../schema/rules.ts';
import { changeProposalId } from '../../schema/ids.ts';
import { changeProposalStatus, freeTextTypes } from '../../schema/values.ts';
import { keyDateValueInput, plannedDateInput } from '../../schema/date-inputs.ts';
import { formatUkDate, parseDayDate } from '../../schema/planned-date-text.ts';
import { correctionInput } from '../core/corrections.ts';
import { prefixNames, typedUpdatePrefix } from './update-wording.ts';
import { displayOrderInput } from '../core/display-order.ts';
import { codeBodyInput, day, defaultedInput, evenWhenOtherFieldsFail, optionalInput, reportIssues } from '../core/input-checks.ts';
import {
  addAndRemoveOverlapIssues,
  relatedChangeProposalsInput,
  relateFields,
  selfRelationIssues,
} from '../core/related-change-proposals.ts';

/** Status a CP may be raised with: it is raised open, and closed by its own command. */
const raisingStatus = changeProposalStatus.exclude(['Withdrawn', 'Rejected'], {
  error: (issue) =>
    issue.input === 'Withdrawn' || issue.input === 'Rejected'
      ? `a change proposal is raised open; record "${String(issue.input)}" afterwards with ${
          issue.input === 'Withdrawn' ? 'WithdrawChangeProposal' : 'ChangeChangeProposalStatus'
        }`
      : undefined,
});

const newStatus = changeProposalStatus.exclude(['Withdrawn'], {
  error: (issue) =>
    issue.input === 'Withdrawn' ? 'use WithdrawChangeProposal to withdraw (it records the date and the statement)' : undefined,
});

const reinstatedStatus = changeProposalStatus.exclude(['Withdrawn', 'Rejected'], {
  error: (issue) => (issue.input === 'Withdrawn' || issue.input === 'Rejected' ? 'reinstate to an open status' : undefined),
});

const texts = (rules: RegisterRules) => freeTextTypes(rules.textLimits);
const keyDate = (rules: RegisterRules) => z.strictObject({ event: texts(rules).title, date: keyDateValueInput });
const release = (rules: RegisterRules) => texts(rules).title.nullable();

/**
 * A dated update. The register writes "Update dd/mm – " itself, so a prefix typed into the
 * text is dropped, once; one whose day disagrees with `on` is refused rather than guessed at.
 */
const datedUpdate = <Shape extends z.core.$ZodLooseShape>(object: z.ZodObject<Shape>) =>
  z.preprocess((raw, ctx) => {
    if (typeof raw !== 'object' || raw === null) return raw;
    const { text: given, on } = raw as { text?: unknown; on?: unknown };
    const prefix = typeof given === 'string' ? typedUpdatePrefix(given, 'required') : null;
    if (!prefix || typeof given !== 'string') return raw;
    const day = typeof on === 'string' ? parseDayDate(on) : undefined;
    if (day && !prefixNames(prefix, day)) {
      const dayAndMonth = prefix.typed.trim().replace(/\s*[-–—:]+$/, '');
      ctx.addIssue({ code: 'custom', path: ['text'], message: `begins "${dayAndMonth}" but the update is dated ${formatUkDate(day)}` });
    }
    return { ...raw, text: given.slice(prefix.typed.length) };
  }, object);

interface ChangeProposalKeys {
  codeBody?: unknown;
  ref?: unknown;
}

const ownId = (data: ChangeProposalKeys): string | null =>
  typeof data.codeBody === 'string' && typeof data.ref === 'string' ? changeProposalId(data.codeBody, data.ref) : null;

/** The ref must be one the code body issues (`R0209` for REC); an unknown body is reported at codeBody. */
function refuseForeignRef(rules: RegisterRules) {
  return (data: ChangeProposalKeys, ctx: z.RefinementCtx) => {
    const { codeBody, ref } = data;
    if (typeof codeBody !== 'string' || typeof ref !== 'string' || ref === '') return;
    if (!rules.codeBodies.some((b) => b.code === codeBody)) return;
    const problem = checkChangeProposalRef(rules, codeBody, ref);
    if (problem) ctx.addIssue({ code: 'custom', path: ['ref'], message: problem });
  };
}

/** A status the register knows may still be one this code body's process does not use. */
function refuseStatusOfOtherProcess(rules: RegisterRules) {
  return (data: ChangeProposalKeys & { status?: unknown }, ctx: z.RefinementCtx) => {
    const { codeBody, status } = data;
    // A status the register does not know at all is the status schema's to report.
    if (typeof codeBody !== 'string' || typeof status !== 'string' || !(changeProposalStatus.options as readonly string[]).includes(status))
      return;
    const statuses = statusesOfCodeBody(rules, codeBody);
    if (!statuses.includes(status)) {
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: `${codeBody} change proposals do not take "${status}"; known: ${statuses.join(', ')}`,
      });
    }
  };
}

/** Every CP command names its CP by code body and reference. */
function changeProposalInput<Shape extends z.core.$ZodLooseShape>(rules: RegisterRules, shape: Shape) {
  return z
    .strictObject({ codeBody: codeBodyInput(rules), ref: texts(rules).title, ...shape })
    .superRefine(refuseForeignRef(rules), evenWhenOtherFieldsFail)
    .superRefine(refuseStatusOfOtherProcess(rules), evenWhenOtherFieldsFail);
}

export const raiseChangeProposalSchema = (rules: RegisterRules) =>
  changeProposalInput(rules, {
    title: texts(rules).title,
    summary: texts(rules).summary,
    stakeholderPositions: texts(rules).summary.nullable().default(null),
    raisedOn: day,
    status: defaultedInput(raisingStatus, 'New'),
    decisionDate: defaultedInput(plannedDateInput, { kind: 'tbc' }),
    mhhsImpact: texts(rules).summary,
    keyDates: defaultedInput(z.array(keyDate(rules)), []),
    release: release(rules).default(null),
    relatedChangeProposals: relatedChangeProposalsInput(rules),
  }).superRefine((data: ChangeProposalKeys & { relatedChangeProposals?: unknown }, ctx) => {
    const id = ownId(data);
    if (id) reportIssues(ctx, selfRelationIssues(id, data.relatedChangeProposals, ['relatedChangeProposals']));
  }, evenWhenOtherFieldsFail);

const editableDetails = ['title', 'summary', 'stakeholderPositions', 'mhhsImpact'] as const;

export const editChangeProposalSchema = (rules: RegisterRules) =>
  changeProposalInput(rules, {
    title: optionalInput(texts(rules).title),
    summary: optionalInput(texts(rules).summary),
    stakeholderPositions: texts(rules).summary.nullable().optional(),
    mhhsImpact: optionalInput(texts(rules).summary),
  }).superRefine((data: Record<string, unknown>, ctx) => {
    if (editableDetails.every((field) => data[field] === undefined)) {
      ctx.addIssue({ code: 'custom', message: `give at least one of ${editableDetails.join(', ')}` });
    }
  }, evenWhenOtherFieldsFail);

export const changeChangeProposalStatusSchema = (rules: RegisterRules) => changeProposalInput(rules, { status: newStatus });

export const setDecisionDateSchema = (rules: RegisterRules) => changeProposalInput(rules, { decisionDate: plannedDateInput });

export const addChangeProposalUpdateSchema = (rules: RegisterRules) =>
  datedUpdate(changeProposalInput(rules, { on: day, text: texts(rules).text }));

/** Replaces the whole timeline: the pack shows it as one table. */
export const setKeyDatesSchema = (rules: RegisterRules) => changeProposalInput(rules, { keyDates: z.array(keyDate(rules)) });

/** `release: null` (or no release) takes the CP out of the release it was in. */
export const assignChangeProposalToReleaseSchema = (rules: RegisterRules) =>
  changeProposalInput(rules, { release: release(rules).default(null) });

export const withdrawChangeProposalSchema = (rules: RegisterRules) => changeProposalInput(rules, { on: day, statement: texts(rules).text });

/** Without a status the CP returns to the status it had when it was withdrawn or rejected. */
export const reinstateChangeProposalSchema = (rules: RegisterRules) =>
  changeProposalInput(rules, { status: optionalInput(reinstatedStatus) });

export const relateChangeProposalToChangeProposalsSchema = (rules: RegisterRules) =>
  changeProposalInput(rules, relateFields(rules)).superRefine((data: ChangeProposalKeys & { add?: unknown; remove?: unknown }, ctx) => {
    reportIssues(ctx, addAndRemoveOverlapIssues(data.add, data.remove));
    const id = ownId(data);
    if (id) reportIssues(ctx, selfRelationIssues(id, data.add, ['add']));
  }, evenWhenOtherFieldsFail);

export const setChangeProposalDisplayOrderSchema = (rules: RegisterRules) =>
  changeProposalInput(rules, { displayOrder: displayOrderInput });

export const correctChangeProposalSchema = (rules: RegisterRules) =>
  changeProposalInput(
    rules,
    correctionInput(rules, {
      title: optionalInput(texts(rules).title),
      summary: optionalInput(texts(rules).summary),
      stakeholderPositions: texts(rules).summary.nullable().optional(),
      raisedOn: optionalInput(day),
      decisionDate: optionalInput(plannedDateInput),
      mhhsImpact: optionalInput(texts(rules).summary),
      keyDates: optionalInput(z.array(keyDate(rules))),
      release: release(rules).optional(),
      updates: optionalInput(z.array(datedUpdate(z.strictObject({ on: day, text: texts(rules).text })))),
    }),
  );

export const changeProposalCommandSchemas = {
  RaiseChangeProposal: raiseChangeProposalSchema,
  EditChangeProposal: editChangeProposalSchema,
  ChangeChangeProposalStatus: changeChangeProposalStatusSchema,
  SetDecisionDate: setDecisionDateSchema,
  AddChangeProposalUpdate: addChangeProposalUpdateSchema,
  SetKeyDates: setKeyDatesSchema,
  AssignChangeProposalToRelease: assignChangeProposalToReleaseSchema,
  WithdrawChangeProposal: withdrawChangeProposalSchema,
  ReinstateChangeProposal: reinstateChangeProposalSchema,
  RelateChangeProposalToChangeProposals: relateChangeProposalToChangeProposalsSchema,
  SetChangeProposalDisplayOrder: setChangeProposalDisplayOrderSchema,
  CorrectChangeProposal: correctChangeProposalSchema,
} satisfies Record<string, (rules: RegisterRules) => z.ZodType>;

export type ChangeProposalCommandType = keyof typeof changeProposalCommandSchemas;
export type ChangeProposalCommand = CommandsOf<typeof changeProposalCommandSchemas>;
export type ChangeProposalCommandData<T extends ChangeProposalCommandType> = Extract<ChangeProposalCommand, { type: T }>['data'];
