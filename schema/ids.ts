/**
 * Stable, readable item ids. An item's id is also the name of its event stream, except
 * meetings, whose events share the `meetings` stream so that "held in number order,
 * once each" is a single-stream rule.
 */
export const changeProposalId = (codeBody: string, ref: string) => `cp:${codeBody}:${ref}`;
export const milestoneId = (workstream: string, key: string) => `milestone:${workstream}:${key}`;
export const riskItemId = (riskId: string) => `risk:${riskId}`;
export const actionItemId = (ref: string) => `action:${ref}`;
export const meetingId = (meetingNumber: number) => `meeting:${meetingNumber}`;
export const MEETINGS_STREAM = 'meetings';

/** A milestone without a reference is keyed by a slug of its description. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}
