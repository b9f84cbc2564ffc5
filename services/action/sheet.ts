import type { ItemSheet } from '../core/sheet.ts';
import { column, dayCell, relatedColumn, textCell, wholeNumberCell } from '../core/sheet.ts';
import { actionStatus } from '../../schema/values.ts';
import { formatActionOwner, parseActionOwner, type ActionOwner } from './owner.ts';
import type { ActionView } from './view.ts';

const statusCommands: Record<string, string> = {
  'Recommended closed': 'RecommendActionClosed',
  Closed: 'CloseAction',
  Open: 'ReopenAction',
};

/** The pack's actions table: Ref, Date Raised, Action, Owner, Due Date, Update, Status. */
export const actionSheet: ItemSheet<ActionView> = {
  name: 'Actions',
  columns: [
    column('Ref', 'ref', textCell, { key: true, width: 12 }),
    column('Date Raised', 'raisedOn', dayCell, { corrects: 'raisedOn', width: 12 }),
    column('Action', 'text', textCell, { corrects: 'text', width: 60 }),
    {
      header: 'Owner',
      field: 'owner',
      text: (action) => formatActionOwner(action.owner),
      value: (text) => (text.trim() === '' ? null : parseActionOwner(text)),
      command: 'ReassignAction',
      corrects: 'owner',
      width: 30,
    },
    column('Due Date', 'dueDate', dayCell, { command: 'ChangeActionDueDate', corrects: 'dueDate', width: 12 }),
    column('Update', 'update', textCell, {
      corrects: 'update',
      // An update given with a change of status is part of it ("RECOMMENDED CLOSED: ...").
      moveBy: (edit) => {
        if (edit.changed('status')) return [];
        const update = edit.value('update');
        if (update === null) return 'an update is cleared only by a correction: say why in the correction column';
        return [{ command: 'UpdateAction', input: { ...edit.key, update } }];
      },
      width: 60,
    }),
    column('Status', 'status', textCell, {
      choices: () => actionStatus.options,
      moveBy: (edit) => {
        const command = statusCommands[String(edit.value('status'))];
        if (!command) return `must be one of ${actionStatus.options.join(', ')}`;
        return [{ command, input: { ...edit.key, update: edit.changed('update') ? edit.value('update') : null } }];
      },
      width: 18,
    }),
    column('Meeting', 'meeting', wholeNumberCell, { readOnly: 'is read from the ref', derived: true, width: 9 }),
    relatedColumn('RelateActionToChangeProposals'),
  ],
  keyOf: (action) => ({ ref: action.ref }),
  keyOfRow: (value) => ({ ref: value('ref') }),
  correction: 'CorrectAction',
  raise: (edit) => {
    const v = edit.value;
    const owner = v('owner') as ActionOwner | null;
    const raised = {
      command: 'RaiseAction',
      input: {
        ...edit.key,
        raisedOn: v('raisedOn'),
        text: v('text'),
        owner,
        dueDate: v('dueDate'),
        relatedChangeProposals: v('relatedChangeProposals'),
      },
    };
    const status = textCell.text(v('status') ?? 'Open');
    const update = v('update');
    if (status === 'Open') return update === null ? [raised] : [raised, { command: 'UpdateAction', input: { ...edit.key, update } }];
    const command = statusCommands[status];
    if (!command) return `Status must be one of ${actionStatus.options.join(', ')}`;
    return [raised, { command, input: { ...edit.key, update } }];
  },
};
