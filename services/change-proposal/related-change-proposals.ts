import { z } from 'zod';
import { checkChangeProposalRef, type RegisterRules } from '../../schema/rules.ts';
import type { FieldIssue } from '../core/errors.ts';
import { defaultedInput } from './input-checks.ts';

/*
 * Relating items to change proposals, shared by every item. The risk slice holds a twin
 * written in parallel; both belong in one place (schema/) once the slices land.
 */

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

/** The `add` and `remove` fields of every `Relate<X>ToChangeProposals` command; each may be left out. */
export function relateFields(rules: RegisterRules) {
  return {
    add: defaultedInput(changeProposalIdList(rules), []),
    remove: defaultedInput(changeProposalIdList(rules), []),
  };
}

/** One CP cannot be both added and removed by the same command. */
export function addAndRemoveOverlapIssues(add: unknown, remove: unknown): FieldIssue[] {
  if (!Array.isArray(add) || !Array.isArray(remove)) return [];
  return remove.flatMap((id, i) =>
    add.includes(id) ? [{ path: ['remove', i], message: `${String(id)} is also in add` }] : [],
  );
}

/** A change proposal is never related to itself. */
export function selfRelationIssues(ownId: string, ids: unknown, path: readonly (string | number)[]): FieldIssue[] {
  if (!Array.isArray(ids)) return [];
  return ids.flatMap((id, i) =>
    id === ownId ? [{ path: [...path, i], message: `${ownId} cannot be related to itself` }] : [],
  );
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
  const added = add.filter((id, i) => !current.includes(id) && add.indexOf(id) === i);
  const removed = remove.filter((id, i) => current.includes(id) && remove.indexOf(id) === i);
  return added.length > 0 || removed.length > 0 ? { added, removed } : null;
}

export function applyRelatedChangeProposalsChange(
  current: readonly string[],
  change: RelatedChangeProposalsChanged,
): string[] {
  return [...current.filter((id) => !change.removed.includes(id)), ...change.added];
}
