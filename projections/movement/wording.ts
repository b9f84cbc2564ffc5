import type { ItemKind } from '../../services/core/decider.ts';
import type { PlannedDate } from '../../schema/values.ts';
import { formatPlannedDate, formatUkDate } from '../../schema/planned-date-text.ts';

type View = Record<string, unknown>;

/** How the pack shows a change proposal's decision date: full-year days ("11/12/2024"). */
function decisionDateText(value: unknown): string {
  const date = value as PlannedDate;
  if (date.kind === 'date') {
    const [y, m, d] = date.date.split('-');
    return `${d}/${m}/${y}`;
  }
  return formatPlannedDate(date);
}

const planned = (value: unknown) => formatPlannedDate(value as PlannedDate);
const day = (value: unknown) => (typeof value === 'string' ? formatUkDate(value) : 'none');
const owner = (value: unknown) => {
  const o = value as { party: string; person: string | null };
  return o.person ? `${o.party} (${o.person})` : o.party;
};
const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/**
 * One line per changed field, in the pack's own wording ("Score reduced from 20 to 10",
 * "Forecast moved from 24/09/25 to 31/10/25"). `fields` are the fields that moved.
 */
export function describeChanges(kind: ItemKind, before: View, after: View, fields: readonly string[]): string[] {
  const lines: string[] = [];
  const has = (f: string) => fields.includes(f);
  switch (kind) {
    case 'risk': {
      if (has('status')) lines.push(after['status'] === 'Closed' ? 'Closed' : 'Reopened');
      if (has('score')) {
        const from = before['score'] as number;
        const to = after['score'] as number;
        lines.push(`Score ${to < from ? 'reduced' : 'increased'} from ${from} to ${to}`);
      }
      if (has('description')) lines.push('Description revised');
      if (has('mitigationPlan')) lines.push('Mitigation plan revised');
      break;
    }
    case 'milestone': {
      if (has('status')) {
        lines.push(after['status'] === 'Complete' ? 'Complete' : `Status changed from ${before['status']} to ${after['status']}`);
      }
      if (has('baselineDate')) lines.push(`Re-baselined from ${planned(before['baselineDate'])} to ${planned(after['baselineDate'])}`);
      if (has('forecastDate')) lines.push(`Forecast moved from ${planned(before['forecastDate'])} to ${planned(after['forecastDate'])}`);
      if (has('description')) lines.push('Description revised');
      if (has('ref')) lines.push(`Reference changed from ${before['ref'] ?? 'none'} to ${after['ref'] ?? 'none'}`);
      break;
    }
    case 'changeProposal': {
      if (has('withdrawal') && after['withdrawal'] !== null) lines.push('Withdrawn');
      else if (has('status') && before['status'] !== 'Withdrawn' && before['status'] !== 'Rejected') {
        lines.push(`Status changed from ${before['status']} to ${after['status']}`);
      } else if (has('status')) lines.push(`Reinstated as ${after['status']}`);
      if (has('decisionDate')) {
        lines.push(`Decision date moved from ${decisionDateText(before['decisionDate'])} to ${decisionDateText(after['decisionDate'])}`);
      }
      if (has('updates')) {
        const added = count(after['updates']) - count(before['updates']);
        lines.push(added === 1 ? 'Update added' : added > 1 ? `${added} updates added` : 'Updates revised');
      }
      if (has('title')) lines.push('Title revised');
      if (has('summary')) lines.push('Summary revised');
      if (has('stakeholderPositions')) lines.push('Stakeholder positions revised');
      if (has('mhhsImpact')) lines.push(`MHHS impact changed to "${after['mhhsImpact']}"`);
      if (has('keyDates')) lines.push('Key dates revised');
      if (has('release')) lines.push(after['release'] ? `Assigned to release ${after['release']}` : 'Removed from its release');
      break;
    }
    case 'action': {
      if (has('status')) {
        const to = after['status'];
        lines.push(to === 'Recommended closed' ? 'Recommended closed' : to === 'Closed' ? 'Closed' : 'Reopened');
      }
      if (has('dueDate')) lines.push(`Due date moved from ${day(before['dueDate'])} to ${day(after['dueDate'])}`);
      if (has('owner')) lines.push(`Owner changed from ${owner(before['owner'])} to ${owner(after['owner'])}`);
      if (has('update') && !has('status')) lines.push('Update given');
      if (has('text')) lines.push('Action text revised');
      break;
    }
    case 'meeting': {
      if (has('status') && after['status'] === 'Held') lines.push(`Held on ${day(after['heldOn'])}`);
      if (has('date')) lines.push(`Moved from ${day(before['date'])} to ${day(after['date'])}`);
      if (has('agenda')) lines.push('Agenda planned');
      break;
    }
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
  if (has('relatedChangeProposals')) lines.push('Related change proposals changed');
  return lines;
}

/** The line for an item that is new since the earlier point. */
export function describeNew(kind: ItemKind): string {
  switch (kind) {
    case 'risk':
      return 'New item';
    case 'milestone':
      return 'New milestone';
    case 'changeProposal':
      return 'Added to the Horizon Scanning Log';
    case 'action':
      return 'New';
    case 'meeting':
      return 'Scheduled';
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

/** The pack's line for an item that did not move. */
export function describeUnchanged(): string {
  return 'No change';
}
