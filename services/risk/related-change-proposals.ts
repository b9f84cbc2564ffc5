import { z } from 'zod';
import { checkChangeProposalRef, type RegisterRules } from '../../schema/rules.ts';

/*
 * Shared by every item that relates to change proposals (risks and actions here). It lives
 * in the risk slice only because slices are written in parallel; it belongs in schema/.
 */

const changeProposalIdParts = /^cp:([A-Z][A-Z0-9]{1,11}):(.+)$/;

/** The shape of a CP id, `cp:REC:R0209`: enough to check stored events. */
export const changeProposalIdShape = z.string().regex(changeProposalIdParts, 'must look like cp:REC:R0209');

/**
 * A CP id given in a command: the shape, a configured code body, and a reference that code
 * body could have issued (so `cp:REC:R209` is caught as a typo rather than stored).
 */
export function changeProposalIdInput(rules: RegisterRules) {
  return z
    .string()
    .trim()
    .regex(changeProposalIdParts, 'must look like cp:REC:R0209')
    .superRefine((id, ctx) => {
      const parts = changeProposalIdParts.exec(id);
      if (!parts) return; // the shape check above already reported it
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

/** The `add` and `remove` fields of every `Relate<X>ToChangeProposals` command. */
export function relateFields(rules: RegisterRules) {
  return {
    add: changeProposalIdList(rules).default([]),
    remove: changeProposalIdList(rules).default([]),
  };
}

/** Refinement for a relate command: one CP cannot be both added and removed. */
export function refuseAddAndRemoveTogether(
  command: { add: readonly string[]; remove: readonly string[] },
  ctx: z.RefinementCtx,
): void {
  command.remove.forEach((id, i) => {
    if (command.add.includes(id)) ctx.addIssue({ code: 'custom', path: ['remove', i], message: `${id} is also in add` });
  });
}

/** Runs the add/remove refinement even when another field failed, so all errors come at once. */
export const whenAddAndRemoveAreLists = {
  when(payload: { value: unknown }): boolean {
    const value = payload.value as { add?: unknown; remove?: unknown } | null;
    return Array.isArray(value?.add) && Array.isArray(value?.remove);
  },
};

export const relatedChangeProposalsChangedData = z.object({
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
  const added = add.filter((id) => !current.includes(id));
  const removed = remove.filter((id) => current.includes(id));
  return added.length > 0 || removed.length > 0 ? { added, removed } : null;
}

export function applyRelatedChangeProposalsChange(
  current: readonly string[],
  change: RelatedChangeProposalsChanged,
): string[] {
  return [...current.filter((id) => !change.removed.includes(id)), ...change.added];
}
