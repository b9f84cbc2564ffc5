import { kindOfItemId, type ItemKind } from '../items.ts';
import {
  actionQuery,
  changeProposalQuery,
  meetingQuery,
  milestoneQuery,
  riskQuery,
  riskThemeQuery,
  workstreamReportQuery,
} from '../api/operations.ts';
import type { Request } from '../api/client.ts';
import type { PointInput } from '../point.ts';

type Fetched = (Record<string, unknown> & { id: string; version: number }) | null;
type Read = (request: Request, id: string, at: PointInput | undefined) => Promise<Fetched>;

/** Each kind's one-item query: a table, so a new kind is a new row, not a new branch. */
const readers: Record<ItemKind, Read> = {
  changeProposal: async (request, id, at) => (await request(changeProposalQuery, { id, at })).item,
  workstreamReport: async (request, id, at) => (await request(workstreamReportQuery, { id, at })).item,
  milestone: async (request, id, at) => (await request(milestoneQuery, { id, at })).item,
  riskTheme: async (request, id, at) => (await request(riskThemeQuery, { id, at })).item,
  risk: async (request, id, at) => (await request(riskQuery, { id, at })).item,
  action: async (request, id, at) => (await request(actionQuery, { id, at })).item,
  meeting: async (request, id, at) => (await request(meetingQuery, { id, at })).item,
};

/** Reads one item, now or at a point, whatever its kind. */
export function itemFetcher(request: Request): (id: string, at?: PointInput) => Promise<Fetched> {
  return async (id, at) => {
    const kind = kindOfItemId(id);
    return kind ? readers[kind](request, id, at) : null;
  };
}
