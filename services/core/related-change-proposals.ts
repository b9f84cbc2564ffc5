import { z } from 'zod';
import { checkChangeProposalRef, type RegisterRules } from '../../schema/rules.ts';
import type { FieldIssue } from './errors.ts';
import { defaultedInput, reportIssues } from './input-checks.ts';

/* Relating an item (a CP, milestone, risk or action) to change proposals. */

const changeProposalIdParts = /^cp:([A-Z][A-Z0-9]{1,11}):(.+)$/;
const idShapeMessage = 'must look like cp:REC:R0209';

/** The shape of a CP id, `cp:REC:R0209`: enough to check stored events. */
export const changeProposalIdShape = z.string().regex(changeProposalIdParts, idShapeMessage);

/**
 * A CP id given in a command: the shape, a configured code body, and a reference that code
 * body could have issued (so `cp:REC:R209` is caught as a typo rather than stored).
 */
export function changeProposalIdInput(rules: RegisterRules) {
  return z
    .string()
    .trim()
    .regex(changeProposalIdParts, idShapeMessage)
    .superRefine((id, ctx) => {
      const parts = changeProposalIdParts.exec(id);
      if (!parts) return; // the shape check has reported it
      const problem = checkChangeProposalRef(rules, parts[1]!, parts[2]!);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** A list of CP ids in a command; naming one twice is reported at the second mention. */
export function changeProposalIdList(rules: RegisterRules) {
  return z.array(changeProposalIdInput(rules)).superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${id} is listed twice` });
    });
  });
}

/** The related CPs an item is created with; none when left out or given as null. */
export function relatedChangeProposalsInput(rules: RegisterRules) {
  return defaultedInput(changeProposalIdList(rules), []);
}

/** The `add` and `remove` fields of every `Relate<X>ToChangeProposals` command; each may be left out. */
export function relateFields(rules: RegisterRules) {
  return { add: relatedChangeProposalsInput(rules), remove: relatedChangeProposalsInput(rules) };
}

/** One CP cannot be both added and removed by the same command. */
export function addAndRemoveOverlapIssues(add: unknown, remove: unknown): FieldIssue[] {
  if (!Array.isArray(add) || !Array.isArray(remove)) return [];
  return remove.flatMap((id, i) => (add.includes(id) ? [{ path: ['remove', i], message: `${String(id)} is also in add` }] : []));
}

/** Refinement for a relate command (run it with evenWhenOtherFieldsFail): see addAndRemoveOverlapIssues. */
export function refuseAddAndRemoveOverlap(data: { add?: unknown; remove?: unknown }, ctx: z.RefinementCtx): void {
  reportIssues(ctx, addAndRemoveOverlapIssues(data.add, data.remove));
}

/** A change proposal is never related to itself. */
export function selfRelationIssues(ownId: string, ids: unknown, path: readonly (string | number)[]): FieldIssue[] {
  if (!Array.isArray(ids)) return [];
  return ids.flatMap((id, i) => (id === ownId ? [{ path: [...path, i], message: `${ownId} cannot be related to itself` }] : []));
}

/** Each CP once, in the order first given: a command that skipped the schema may repeat one. */
export function distinctChangeProposals(ids: readonly string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) === i);
}

export const relatedChangeProposalsChangedData = z.strictObject({
  added: z.array(changeProposalIdShape),
  removed: z.array(changeProposalIdShape),
});
export type RelatedChangeProposalsChanged = z.infer<typeof relatedChangeProposalsChangedData>;

/** What relating would change; null when every CP to add is already related and none to remove is. */
export function relatedChangeProposalsChange(
  current: readonly string[],
  add: readonly string[],
  remove: readonly string[],
): RelatedChangeProposalsChanged | null {
  const added = distinctChangeProposals(add).filter((id) => !current.includes(id));
  const removed = distinctChangeProposals(remove).filter((id) => current.includes(id));
  return added.length > 0 || removed.length > 0 ? { added, removed } : null;
}

export function applyRelatedChangeProposalsChange(current: readonly string[], change: RelatedChangeProposalsChanged): string[] {
  return [...current.filter((id) => !change.removed.includes(id)), ...change.added];
}
