import { z } from 'zod';
import { freeText } from '../../schema/values.ts';
import type { RegisterRules } from '../../schema/rules.ts';

/** Who an action is with: a party (`Code Bodies`, `REC`) and, when the pack names one, a person. */
export const actionOwnerInput = (rules: RegisterRules) =>
  z.strictObject({
    party: freeText(rules.textLimits.title),
    person: freeText(rules.textLimits.title).nullable().default(null),
  });

export const actionOwnerSchema = z.object({
  party: z.string().min(1),
  person: z.string().min(1).nullable(),
});
export type ActionOwner = z.infer<typeof actionOwnerSchema>;

/** Reads the pack's owner column: `Programme (Claire Silk)`, `Code Bodies`. */
export function parseActionOwner(column: string): ActionOwner {
  const withPerson = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(column.trim());
  if (withPerson && withPerson[1]) return { party: withPerson[1], person: withPerson[2]!.trim() };
  return { party: column.trim(), person: null };
}

/** Writes the owner as the pack shows it. */
export function formatActionOwner(owner: ActionOwner): string {
  return owner.person === null ? owner.party : `${owner.party} (${owner.person})`;
}
