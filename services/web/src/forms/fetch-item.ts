import { kindOfItemId } from '../items.ts';
import { actionQuery, changeProposalQuery, meetingsQuery, milestoneQuery, riskQuery } from '../api/operations.ts';
import type { Request } from '../api/client.ts';
import type { PointInput } from '../point.ts';

type Fetched = (Record<string, unknown> & { id: string; version: number }) | null;

/** Reads one item, now or at a point, whatever its kind (meetings: always now). */
export function itemFetcher(request: Request): (id: string, at?: PointInput) => Promise<Fetched> {
  return async (id, at) => {
    switch (kindOfItemId(id)) {
      case 'changeProposal':
        return (await request(changeProposalQuery, { id, at })).item;
      case 'milestone':
        return (await request(milestoneQuery, { id, at })).item;
      case 'risk':
        return (await request(riskQuery, { id, at })).item;
      case 'action':
        return (await request(actionQuery, { id, at })).item;
      case 'meeting':
        return (await request(meetingsQuery)).meetings.find((m) => m.id === id) ?? null;
      default:
        return null;
    }
  };
}
