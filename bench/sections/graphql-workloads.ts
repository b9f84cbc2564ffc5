/*
 * What the GraphQL section sends. Each workload runs against the register and against its
 * reference in alternating rounds; the figures are their same-run ratios.
 */

export const RISKS_QUERY = '{ risks { id score band } }';

const itemMovement = 'id kind ref change summary versionBefore versionAfter fields { field from to }';

/** The movement between two held meetings: every list, as the pack's movement pages read it. */
export function movementQuery(from: number, to: number): string {
  return `{ movement(from: {meeting: ${from}}, to: {meeting: ${to}}) {
    from { position meeting } to { position meeting }
    horizonScanning { new { ${itemMovement} } existing { ${itemMovement} } }
    milestones { ${itemMovement} } risks { ${itemMovement} } actions { ${itemMovement} } meetings { ${itemMovement} }
    corrections { id kind eventType fields { field from to } }
  } }`;
}

/** The Horizon Scanning Log as it stood at a held meeting. */
export function changeProposalsAtQuery(meeting: number): string {
  return `{ changeProposals(at: {meeting: ${meeting}}) { id ref codeBody version title status mhhsImpact decisionDate { text } } }`;
}

/** Interleaved writes during the list query: a secretariat keying in score changes. */
export const INTERLEAVED_WRITES_PER_SECOND = 50;
