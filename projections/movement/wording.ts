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
const closedProposal = (status: unknown) => status === 'Withdrawn' || status === 'Rejected';

/** Names for fields the pack has no line for, used only when nothing better describes a change. */
const fieldNames: Record<string, string> = {
  raisedOn: 'Date raised',
  closedOn: 'Closure date',
  completedOn: 'Completion date',
  heldOn: 'Date held',
  statusBeforeClosure: 'Status before closure',
  boundaryPosition: 'Boundary position',
};

function fieldName(field: string): string {
  const known = fieldNames[field];
  if (known) return known;
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * One line per change, in the pack's own wording ("Score reduced from 20 to 10",
 * "Forecast moved from 24/09/25 to 31/10/25"). `fields` are the fields that moved. A field
 * that moves only together with another (a risk's closure date with its status) shares
 * that field's line; any moved field no line speaks for still gets one.
 */
export function describeChanges(kind: ItemKind, before: View, after: View, fields: readonly string[]): string[] {
  const lines: string[] = [];
  const covered = new Set<string>();
  const has = (f: string) => fields.includes(f);
  const say = (text: string, ...about: string[]) => {
    lines.push(text);
    for (const f of about) covered.add(f);
  };
  switch (kind) {
    case 'risk': {
      if (has('status')) say(after['status'] === 'Closed' ? 'Closed' : 'Reopened', 'status', 'closedOn');
      else if (has('closedOn') && after['closedOn'] !== null) say(`Reopened and closed again on ${day(after['closedOn'])}`, 'closedOn');
      if (has('score')) {
        const from = before['score'] as number;
        const to = after['score'] as number;
        say(`Score ${to < from ? 'reduced' : 'increased'} from ${from} to ${to}`, 'score');
      }
      if (has('description')) say('Description revised', 'description');
      if (has('mitigationPlan')) say('Mitigation plan revised', 'mitigationPlan');
      break;
    }
    case 'milestone': {
      if (has('status')) {
        say(after['status'] === 'Complete' ? 'Complete' : `Status changed from ${before['status']} to ${after['status']}`, 'status', 'completedOn');
      }
      if (has('baselineDate')) {
        say(`Re-baselined from ${planned(before['baselineDate'])} to ${planned(after['baselineDate'])}`, 'baselineDate', 'rebaselines');
      } else if (has('rebaselines')) {
        say(`Re-baselined and back to ${planned(after['baselineDate'])}`, 'rebaselines');
      }
      if (has('forecastDate')) say(`Forecast moved from ${planned(before['forecastDate'])} to ${planned(after['forecastDate'])}`, 'forecastDate');
      if (has('description')) say('Description revised', 'description');
      if (has('ref')) say(`Reference changed from ${before['ref'] ?? 'none'} to ${after['ref'] ?? 'none'}`, 'ref');
      break;
    }
    case 'changeProposal': {
      const closure = ['status', 'withdrawal', 'statusBeforeClosure'];
      if (has('status')) {
        if (after['status'] === 'Withdrawn') say('Withdrawn', ...closure);
        else if (closedProposal(before['status']) && !closedProposal(after['status'])) say(`Reinstated as ${after['status']}`, ...closure);
        else say(`Status changed from ${before['status']} to ${after['status']}`, ...closure);
      } else if (has('withdrawal') && after['withdrawal'] !== null) {
        say('Withdrawn', ...closure);
      }
      if (has('decisionDate')) {
        say(`Decision date moved from ${decisionDateText(before['decisionDate'])} to ${decisionDateText(after['decisionDate'])}`, 'decisionDate');
      }
      if (has('updates')) {
        const added = count(after['updates']) - count(before['updates']);
        say(added === 1 ? 'Update added' : added > 1 ? `${added} updates added` : 'Updates revised', 'updates');
      }
      if (has('title')) say('Title revised', 'title');
      if (has('summary')) say('Summary revised', 'summary');
      if (has('stakeholderPositions')) say('Stakeholder positions revised', 'stakeholderPositions');
      if (has('mhhsImpact')) say(`MHHS impact changed to "${after['mhhsImpact']}"`, 'mhhsImpact');
      if (has('keyDates')) say('Key dates revised', 'keyDates');
      if (has('release')) say(after['release'] ? `Assigned to release ${after['release']}` : 'Removed from its release', 'release');
      break;
    }
    case 'action': {
      if (has('status')) {
        const to = after['status'];
        // The update given with a status change is part of it ("RECOMMENDED CLOSED: ...").
        say(to === 'Recommended closed' ? 'Recommended closed' : to === 'Closed' ? 'Closed' : 'Reopened', 'status', 'update');
      }
      if (has('dueDate')) say(`Due date moved from ${day(before['dueDate'])} to ${day(after['dueDate'])}`, 'dueDate');
      if (has('owner')) say(`Owner changed from ${owner(before['owner'])} to ${owner(after['owner'])}`, 'owner');
      if (has('update') && !has('status')) say('Update given', 'update');
      if (has('text')) say('Action text revised', 'text');
      break;
    }
    case 'meeting': {
      if (has('status') && after['status'] === 'Held') say(`Held on ${day(after['heldOn'])}`, 'status', 'heldOn', 'boundaryPosition', 'digest');
      if (has('date')) say(`Moved from ${day(before['date'])} to ${day(after['date'])}`, 'date');
      if (has('agenda')) say('Agenda planned', 'agenda');
      break;
    }
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
  if (has('relatedChangeProposals')) say('Related change proposals changed', 'relatedChangeProposals');
  for (const field of fields) if (!covered.has(field)) lines.push(`${fieldName(field)} changed`);
  return lines;
}

/** The line for an item that is new since the earlier point. */
export function describeNew(kind: ItemKind, after?: View): string {
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
      // A meeting nobody scheduled in the register appears by being held.
      return after?.['status'] === 'Held' ? `Held on ${day(after['heldOn'])}` : 'Scheduled';
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
