import { slugify } from '../../schema/ids.ts';
import { NotFoundError, type FieldIssue } from '../core/errors.ts';
import type { MilestoneView } from './view.ts';

/** A milestone reference as the plans write it (`T2-RE-0600`, `4088`); also the shape of a key. */
export const milestoneRefPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,47}$/;
export const milestoneRefMessage = "letters, digits, '.', '_' or '-' (e.g. T2-RE-0600)";

/**
 * A milestone is keyed by its reference; one without a reference ("Last date to raise CP
 * before M8") by a slug of its description, unless a key is given.
 */
export function milestoneKeyOf(data: { ref: string | null; key?: string | undefined; description: string }): string {
  return data.key ?? data.ref ?? slugify(data.description);
}

/** Problems with how a new milestone would be keyed. Reads its input defensively (schemas call it too). */
export function milestoneKeyIssues(data: { ref?: unknown; key?: unknown; description?: unknown }): FieldIssue[] {
  const { ref, key, description } = data;
  if (typeof ref === 'string' && typeof key === 'string' && key !== ref) {
    return [{ path: ['key'], message: `a milestone with a reference is keyed by it: leave key out or make it ${ref}` }];
  }
  const needsSlug = (ref === null || ref === undefined) && key === undefined;
  if (needsSlug && typeof description === 'string' && description.trim() !== '' && slugify(description) === '') {
    return [{ path: ['description'], message: 'needs a letter or digit to key the milestone by (or give key)' }];
  }
  return [];
}

/**
 * The key a command names its milestone by: the key itself, or, for people who know a
 * milestone by what the pack prints, its reference or its description ("Last date to raise
 * CP before M8", any case). An unknown name is refused with the workstream's keys.
 */
export function resolveMilestoneKey(workstream: string, given: string, milestones: readonly MilestoneView[]): string {
  const inWorkstream = milestones.filter((m) => m.workstream === workstream);
  const wanted = given.trim().toLowerCase();
  const found =
    inWorkstream.find((m) => m.key === given) ??
    inWorkstream.find((m) => m.key.toLowerCase() === wanted || m.ref?.toLowerCase() === wanted) ??
    inWorkstream.find((m) => m.description.trim().toLowerCase() === wanted || m.key === slugify(given));
  if (found) return found.key;
  const known = inWorkstream.map((m) => (m.ref === null ? `${m.key} ("${m.description}")` : m.key));
  throw new NotFoundError(`Milestone in ${workstream}`, given, known);
}
