import type { ItemKind } from '../items.ts';
import type { MutationName } from '../api/mutation-names.ts';
import { plainText } from '../../../../projections/movement/wording.ts';
import type { CommandForm, FieldSpec } from './catalogue.ts';

/*
 * What the forms of every kind share: how an item is named, how its values start as text,
 * when a command is offered, and the forms whose shape is the same on every kind.
 */

type Item = Record<string, unknown>;

/** Raise forms name no item yet. */
export const none = () => ({});
export const meetingKey = (item: Item) => ({ number: item['number'] });

/** A value as the form starts from it: the movement view's text of it, empty for none. */
export const textOf = (value: unknown): string => plainText(value, '');

/** A list, one entry a line (the `lines` fields). */
export const linesOf = (value: unknown): string => (Array.isArray(value) ? value.map(String).join('\n') : '');

export const statusIs =
  (...statuses: string[]) =>
  (item: Item) =>
    statuses.includes(String(item['status']));

export const statusIsNot =
  (...statuses: string[]) =>
  (item: Item) =>
    !statuses.includes(String(item['status']));

/** Relating an item to CPs: the same two fields on every kind that has it. */
export function relateForm(mutation: MutationName, commandType: string, kind: ItemKind, key: CommandForm['key']): CommandForm {
  return {
    mutation,
    commandType,
    kind,
    label: 'Relate to change proposals',
    key,
    fields: [
      {
        name: 'add',
        label: 'Add related CPs',
        type: 'related',
        help: 'Ids as the register writes them, comma-separated: rec:R0209, bsc:P478.',
      },
      { name: 'remove', label: 'Remove related CPs', type: 'related' },
    ],
  };
}

/** A data-entry fix: the fields it may set right, and a reason it must give. */
export function correctForm(
  mutation: MutationName,
  commandType: string,
  kind: ItemKind,
  key: CommandForm['key'],
  fields: readonly FieldSpec[],
  initial?: CommandForm['initial'],
): CommandForm {
  return {
    mutation,
    commandType,
    kind,
    label: 'Correct (data-entry fix)',
    key,
    reason: 'input-required',
    fields,
    ...(initial ? { initial } : {}),
  };
}

/** Placing a row in its pack table. */
export function displayOrderForm(
  mutation: MutationName,
  commandType: string,
  kind: ItemKind,
  label: string,
  key: CommandForm['key'],
): CommandForm {
  return {
    mutation,
    commandType,
    kind,
    label,
    key,
    fields: [{ name: 'displayOrder', label: 'Display order', type: 'number', required: true, help: 'Lowest first; gaps are fine.' }],
  };
}
