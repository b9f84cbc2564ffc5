import type { CommandForm, FieldSpec } from './catalogue.ts';

/** Sets `value` at a dotted path ("owner.party") in `target`. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] = node[part] ?? {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

/** A field's text as the command takes it; undefined: left empty (not sent). */
function fieldValue(field: FieldSpec, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  switch (field.type) {
    case 'score':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
    case 'lines':
    case 'related':
      return trimmed
        .split(/\n|,(?=\s*[a-z]+:)/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
    case 'keyDates':
      // "Implementation: Q1 2025": the event is before the first colon, the date after it.
      return trimmed
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => {
          const colon = line.indexOf(':');
          return colon < 0 ? { event: line, date: '' } : { event: line.slice(0, colon).trim(), date: line.slice(colon + 1).trim() };
        });
    default:
      return trimmed;
  }
}

/**
 * The command's input from the form: the item's key, every filled field at its path, and
 * the reason where the command itself records one. Empty optional fields are left out.
 */
export function buildInput(
  form: CommandForm,
  item: Record<string, unknown> | undefined,
  values: Record<string, string>,
  reason: string,
): Record<string, unknown> {
  const input: Record<string, unknown> = { ...(item ? form.key(item) : {}) };
  for (const field of form.fields) {
    const value = fieldValue(field, values[field.name] ?? '');
    if (value !== undefined) setPath(input, field.name, value);
    // Clearing a due date or a release is a value of its own (null), not "leave it".
    else if (field.emptySends !== undefined) setPath(input, field.name, field.emptySends);
  }
  if (form.fields.some((f) => f.name.startsWith('fields.')) && input['fields'] === undefined) input['fields'] = {};
  if (form.reason && reason.trim() !== '') input['reason'] = reason.trim();
  return input;
}
