import type { CellContext, ItemSheet, SheetEdit } from '../core/sheet.ts';
import { column, dayCell, plannedCell, relatedColumn, textCell } from '../core/sheet.ts';
import { formatPlannedDate, parsePlannedDate } from '../../schema/planned-date-text.ts';
import { changeProposalStatus } from '../../schema/values.ts';
import { dayOfPrefix, prefixNames, typedUpdatePrefix } from './update-wording.ts';
import { isClosed, type ChangeProposalUpdate, type ChangeProposalView, type KeyDate } from './view.ts';

/**
 * One update per line, "2024-11-20: Party impact assessment has been published ..." as export
 * writes it, or as the pack prints it ("Update 04/12 – ...", "04/12/24 - ...": the day is the
 * update's, the prefix is not kept in its text); a line not starting with a day continues
 * the update above.
 */
const updatesCell = {
  text: (value: unknown): string => (value as ChangeProposalUpdate[]).map((u) => `${u.on}: ${u.text}`).join('\n'),
  value: (text: string, { today }: CellContext): unknown => {
    const updates: { on: string; text: string }[] = [];
    for (const line of text.split(/\r?\n/)) {
      const dated = datedLine(line, today);
      if (dated) updates.push(dated);
      else if (updates.length > 0) updates[updates.length - 1]!.text += `\n${line}`;
      else if (line.trim() !== '') updates.push({ on: '', text: line.trim() });
    }
    return updates.map((u) => ({ on: u.on, text: u.text.trim() }));
  },
};

/** A line that begins an update: its day (ISO, or as typed when no calendar has it, for the command to refuse) and text. */
function datedLine(line: string, today: string): { on: string; text: string } | undefined {
  const iso = /^\s*(\d{4}-\d{2}-\d{2}):\s*(.*)$/.exec(line);
  if (iso) {
    const on = iso[1]!;
    const text = iso[2]!;
    // "2024-12-04: Update 04/12 – ..." says its day twice: the text is what follows (the command drops the same prefix).
    const again = typedUpdatePrefix(text, 'required');
    return { on, text: again && prefixNames(again, on) ? text.slice(again.typed.length) : text };
  }
  const typed = typedUpdatePrefix(line, 'optional');
  if (!typed) return undefined;
  const asTyped = typed.typed
    .trim()
    .replace(/^update\s+/i, '')
    .replace(/\s*[-–—:]+$/, '');
  return { on: dayOfPrefix(typed, today) ?? asTyped, text: line.slice(typed.typed.length) };
}

/** One line per key date, "Decision published: 2025-01-06", the date after the last colon. */
const keyDatesCell = {
  text: (value: unknown): string => (value as KeyDate[]).map((k) => `${k.event}: ${formatPlannedDate(k.date, 'iso')}`).join('\n'),
  value: (text: string): unknown =>
    text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const at = line.lastIndexOf(': ');
        if (at < 0) return { event: line.trim(), date: '' };
        const date = line.slice(at + 2).trim();
        const parsed = parsePlannedDate(date);
        return { event: line.slice(0, at).trim(), date: parsed.ok ? parsed.value : date };
      }),
};

const details = ['title', 'summary', 'stakeholderPositions', 'mhhsImpact'] as const;

/** Title, summary, stakeholder positions and MHHS impact change together, by one edit. */
function editDetails(edit: SheetEdit<ChangeProposalView>) {
  const changed = details.filter((field) => edit.changed(field));
  // The first changed detail speaks for all of them: one edit carries every changed detail.
  const first = details.find((field) => edit.changed(field));
  return (field: (typeof details)[number]) =>
    field !== first
      ? []
      : [{ command: 'EditChangeProposal', input: { ...edit.key, ...Object.fromEntries(changed.map((f) => [f, edit.value(f)])) } }];
}

const withdrawalPart = (part: 'on' | 'statement') => ({
  text: (cp: ChangeProposalView) => cp.withdrawal?.[part] ?? '',
  value: part === 'on' ? dayCell.value : textCell.value,
  moveBy: (edit: SheetEdit<ChangeProposalView>) =>
    edit.changed('status') ? [] : 'is recorded when the change proposal is withdrawn: change Status to Withdrawn with it',
});

/** The Horizon Scanning Log tab: one row per change proposal, with every field of its block in the pack. */
export const changeProposalSheet: ItemSheet<ChangeProposalView> = {
  name: 'Horizon Scanning Log',
  columns: [
    column('Code body', 'codeBody', textCell, { key: true, choices: (rules) => rules.codeBodies.map((b) => b.code), width: 10 }),
    column('Change', 'ref', textCell, { key: true, width: 10 }),
    ...details.map((field) =>
      column<ChangeProposalView>(
        { title: 'Title', summary: 'Change Summary', stakeholderPositions: 'Stakeholder positions', mhhsImpact: 'MHHS Impact' }[field],
        field,
        textCell,
        { corrects: field, moveBy: (edit) => editDetails(edit)(field), width: field === 'title' ? 40 : 60 },
      ),
    ),
    column('Date raised', 'raisedOn', dayCell, { corrects: 'raisedOn', width: 12 }),
    column('Status', 'status', textCell, {
      choices: () => changeProposalStatus.options,
      moveBy: (edit) => {
        const status = edit.value('status');
        if (status === 'Withdrawn') {
          return [
            {
              command: 'WithdrawChangeProposal',
              input: { ...edit.key, on: edit.value('withdrawal.on'), statement: edit.value('withdrawal.statement') },
            },
          ];
        }
        if (
          edit.before &&
          isClosed(edit.before.status) &&
          typeof status === 'string' &&
          !(['Withdrawn', 'Rejected'] as const).some((s) => s === status)
        ) {
          return [{ command: 'ReinstateChangeProposal', input: { ...edit.key, status } }];
        }
        return [{ command: 'ChangeChangeProposalStatus', input: { ...edit.key, status } }];
      },
      width: 24,
    }),
    column('Decision date', 'decisionDate', plannedCell, { command: 'SetDecisionDate', corrects: 'decisionDate', width: 14 }),
    column('Updates', 'updates', updatesCell, {
      corrects: 'updates',
      moveBy: (edit) => {
        const before = edit.before?.updates ?? [];
        const after = edit.value('updates') as { on: string; text: string }[];
        const kept = before.every((u, i) => after[i]?.on === u.on && after[i]?.text === u.text);
        if (!kept) return 'an update already given changes only by a correction: say why in the correction column';
        return after
          .slice(before.length)
          .map((u) => ({ command: 'AddChangeProposalUpdate', input: { ...edit.key, on: u.on, text: u.text } }));
      },
      width: 60,
    }),
    column('Key dates', 'keyDates', keyDatesCell, { command: 'SetKeyDates', corrects: 'keyDates', width: 40 }),
    column('Release', 'release', textCell, { command: 'AssignChangeProposalToRelease', corrects: 'release', width: 14 }),
    relatedColumn('RelateChangeProposalToChangeProposals'),
    { header: 'Withdrawn on', field: 'withdrawal.on', ...withdrawalPart('on'), width: 12 },
    { header: 'Withdrawal statement', field: 'withdrawal.statement', ...withdrawalPart('statement'), width: 40 },
  ],
  omits: ['statusBeforeClosure'],
  keyOf: (cp) => ({ codeBody: cp.codeBody, ref: cp.ref }),
  keyOfRow: (value) => ({ codeBody: value('codeBody'), ref: value('ref') }),
  correction: 'CorrectChangeProposal',
  raise: (edit) => {
    const v = edit.value;
    const status = v('status');
    const closing = status === 'Withdrawn' || status === 'Rejected';
    const raised = {
      command: 'RaiseChangeProposal',
      input: {
        ...edit.key,
        title: v('title'),
        summary: v('summary'),
        stakeholderPositions: v('stakeholderPositions'),
        raisedOn: v('raisedOn'),
        ...(closing ? {} : { status }),
        decisionDate: v('decisionDate'),
        mhhsImpact: v('mhhsImpact'),
        keyDates: v('keyDates'),
        release: v('release'),
        relatedChangeProposals: v('relatedChangeProposals'),
      },
    };
    const updates = (v('updates') as { on: string; text: string }[]).map((u) => ({
      command: 'AddChangeProposalUpdate',
      input: { ...edit.key, on: u.on, text: u.text },
    }));
    const closure =
      status === 'Withdrawn'
        ? [{ command: 'WithdrawChangeProposal', input: { ...edit.key, on: v('withdrawal.on'), statement: v('withdrawal.statement') } }]
        : status === 'Rejected'
          ? [{ command: 'ChangeChangeProposalStatus', input: { ...edit.key, status } }]
          : [];
    return [raised, ...updates, ...closure];
  },
};
