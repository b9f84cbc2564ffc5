/** Dates as the pack prints them: 2024-12-11 -> 11/12/24. */
export function ukDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]!.slice(2)}` : iso;
}

/** A recorded time, readable and unambiguous: 2024-10-09 14:03:12 UTC. */
export function timestamp(iso: string | null | undefined): string {
  if (!iso) return '';
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

/** A field's value in a field-by-field change: text as it is, anything else as compact JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'text' in value && typeof value.text === 'string') {
    return (value as { text: string }).text;
  }
  return JSON.stringify(value);
}
