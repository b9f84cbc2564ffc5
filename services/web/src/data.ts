import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ResultOf } from './api/graphql.ts';
import {
  actionsQuery,
  changeProposalsQuery,
  meetingsQuery,
  milestonesQuery,
  movementQuery,
  riskThemesQuery,
  risksQuery,
  vocabularyQuery,
  workstreamReportsQuery,
} from './api/operations.ts';
import { pointText, type PointInput } from './point.ts';
import { useSession } from './session-context.tsx';

export type Vocabulary = ResultOf<typeof vocabularyQuery>;
export type Meeting = Vocabulary['meetings'][number];
export type MeetingAt = ResultOf<typeof meetingsQuery>['meetings'][number];
export type WorkstreamReport = ResultOf<typeof workstreamReportsQuery>['workstreamReports'][number];
export type RiskTheme = ResultOf<typeof riskThemesQuery>['riskThemes'][number];
export type ChangeProposal = ResultOf<typeof changeProposalsQuery>['changeProposals'][number];
export type Milestone = ResultOf<typeof milestonesQuery>['milestones'][number];
export type Risk = ResultOf<typeof risksQuery>['risks'][number];
export type Action = ResultOf<typeof actionsQuery>['actions'][number];
export type Movement = ResultOf<typeof movementQuery>['movement'];
export type ItemMovement = Movement['risks'][number];

const kindEnum = {
  changeProposal: 'CHANGE_PROPOSAL',
  workstreamReport: 'WORKSTREAM_REPORT',
  milestone: 'MILESTONE',
  riskTheme: 'RISK_THEME',
  risk: 'RISK',
  action: 'ACTION',
  meeting: 'MEETING',
} as const;

/** The statuses the register knows for a kind of item (its vocabulary), for filters and forms. */
export function statusesOf(vocabulary: Vocabulary | undefined, kind: keyof typeof kindEnum): string[] {
  return [...(vocabulary?.vocabulary.statuses.find((s) => s.kind === kindEnum[kind])?.statuses ?? [])];
}

const keyOf = (point: PointInput | undefined) => (point ? pointText(point) : 'now');

export function useVocabulary() {
  const { request, token } = useSession();
  return useQuery({ queryKey: ['vocabulary', token ?? ''], queryFn: () => request(vocabularyQuery), staleTime: 60_000 });
}

export function useChangeProposals(at: PointInput | undefined) {
  const { request, token } = useSession();
  return useQuery({
    queryKey: ['changeProposals', token ?? '', keyOf(at)],
    queryFn: () => request(changeProposalsQuery, { at }).then((r) => r.changeProposals),
  });
}

export function useMilestones(at: PointInput | undefined) {
  const { request, token } = useSession();
  return useQuery({
    queryKey: ['milestones', token ?? '', keyOf(at)],
    queryFn: () => request(milestonesQuery, { at }).then((r) => r.milestones),
  });
}

export function useRisks(at: PointInput | undefined) {
  const { request, token } = useSession();
  return useQuery({ queryKey: ['risks', token ?? '', keyOf(at)], queryFn: () => request(risksQuery, { at }).then((r) => r.risks) });
}

export function useActions(at: PointInput | undefined) {
  const { request, token } = useSession();
  return useQuery({ queryKey: ['actions', token ?? '', keyOf(at)], queryFn: () => request(actionsQuery, { at }).then((r) => r.actions) });
}

export function useMeetings(at: PointInput | undefined) {
  const { request, token } = useSession();
  return useQuery({
    queryKey: ['meetings', token ?? '', keyOf(at)],
    queryFn: () => request(meetingsQuery, { at }).then((r) => r.meetings),
  });
}

export function useWorkstreamReports(at: PointInput | undefined) {
  const { request, token } = useSession();
  return useQuery({
    queryKey: ['workstreamReports', token ?? '', keyOf(at)],
    queryFn: () => request(workstreamReportsQuery, { at }).then((r) => r.workstreamReports),
  });
}

export function useRiskThemes(at: PointInput | undefined) {
  const { request, token } = useSession();
  return useQuery({
    queryKey: ['riskThemes', token ?? '', keyOf(at)],
    queryFn: () => request(riskThemesQuery, { at }).then((r) => r.riskThemes),
  });
}

export function useMovement(from: PointInput | undefined, to: PointInput | undefined) {
  const { request, token } = useSession();
  return useQuery({
    queryKey: ['movement', token ?? '', from ? pointText(from) : '', keyOf(to)],
    queryFn: () => request(movementQuery, { from: from!, to }).then((r) => r.movement),
    enabled: from !== undefined,
  });
}

/**
 * The meeting whose pack a point is compared with ("since the last meeting"): the last held
 * meeting before the point (at a meeting: the one held before it).
 */
export function previousHeldMeeting(meetings: readonly Meeting[], at: PointInput | undefined): Meeting | undefined {
  const held = meetings.filter((m) => m.status === 'Held' || m.heldOn !== null).sort((a, b) => a.number - b.number);
  if (!at) return held.at(-1);
  if ('meeting' in at) return held.filter((m) => m.number < at.meeting).at(-1);
  if ('time' in at) return held.filter((m) => (m.heldOn ?? '') <= at.time.slice(0, 10)).at(-1);
  return held.filter((m) => m.boundaryPosition !== null && positionBefore(m.boundaryPosition, at.position)).at(-1);
}

/** Log positions as the API writes them ("1042", or "1042/1040" on EventStoreDB): compared by their first number. */
export function positionBefore(a: string, b: string): boolean {
  return Number(a.split('/')[0]) <= Number(b.split('/')[0]);
}

/**
 * The pack's "movement since last CCAG" column for one of the movement's lists: the meeting
 * it is since (none held before the point: no column to fill) and each item's line.
 */
export function useMovementSinceLastMeeting(at: PointInput | undefined, list: (movement: Movement) => readonly ItemMovement[]) {
  const vocabulary = useVocabulary();
  const since = vocabulary.data ? previousHeldMeeting(vocabulary.data.meetings, at) : undefined;
  const movement = useMovement(since ? { meeting: since.number } : undefined, at);
  const lines = useMemo(
    () => new Map(movement.data ? list(movement.data).map((m) => [m.id, m.summary.join('; ')]) : []),
    // The list picks a field of the movement; the movement alone decides the lines.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [movement.data],
  );
  const held = since !== undefined;
  const lineOf = useCallback((id: string) => lines.get(id) ?? (held ? 'No change' : ''), [lines, held]);
  return { since, lineOf };
}
