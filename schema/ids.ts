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
/** One code workstream's report to one meeting: `workstream-report:36:REC-M8`. */
export const workstreamReportId = (meeting: number, workstream: string) => `workstream-report:${meeting}:${workstream}`;
/** A risk theme of the pack's "top risk themes" table, by a slug of its theme. */
export const riskThemeId = (key: string) => `risk-theme:${key}`;
export const MEETINGS_STREAM = 'meetings';

/** A milestone without a reference is keyed by a slug of its description. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}
