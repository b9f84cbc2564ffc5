import { useMemo } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../components/DataTable.tsx';
import { ItemLink } from '../components/ItemLink.tsx';
import { previousHeldMeeting, useMovement, useRisks, useVocabulary, type Risk, statusesOf } from '../data.ts';
import { ukDate } from '../format.ts';
import { usePoint } from '../point.ts';
import { useSession } from '../session-context.tsx';
import { editColumns, movementColumn } from './columns.tsx';
import { Loaded } from './common.tsx';
import { RaiseButton } from '../forms/ItemForms.tsx';

const column = createColumnHelper<Risk>();
const scores = Array.from({ length: 30 }, (_, i) => 30 - i);

/** The pack's heat grid: one cell per score 30..1, shaded by band, the risk's score marked. */
function HeatGrid({ score, bandOf }: { score: number; bandOf: (score: number) => string }) {
  return (
    <div className="heat" role="img" aria-label={`Score ${score} of 30 (${bandOf(score)})`}>
      {scores.map((s) => (
        <span key={s} className={`heat-cell band-${bandOf(s).toLowerCase()}${s === score ? ' marked' : ''}`}>
          {s === score ? s : ''}
        </span>
      ))}
    </div>
  );
}

export function Risks() {
  const at = usePoint();
  const { viewer } = useSession();
  const vocabulary = useVocabulary();
  const risks = useRisks(at);
  const since = vocabulary.data ? previousHeldMeeting(vocabulary.data.meetings, at) : undefined;
  const movement = useMovement(since ? { meeting: since.number } : undefined, at);
  const bands = vocabulary.data?.vocabulary.riskBands ?? [];
  const bandOf = (score: number) => bands.find((b) => score >= b.min && score <= b.max)?.name ?? '';
  const movementOf = useMemo(() => new Map(movement.data?.risks.map((m) => [m.id, m.summary.join('; ')]) ?? []), [movement.data]);
  const columns = useMemo(
    () => [
      column.accessor('ref', { id: 'ref', header: 'Risk ID', cell: (c) => <ItemLink id={c.row.original.id}>{c.getValue()}</ItemLink> }),
      column.accessor('description', { id: 'description', header: 'Description', meta: { className: 'long' } }),
      column.accessor('score', { id: 'score', header: 'Score' }),
      column.accessor('band', { id: 'band', header: 'Band' }),
      column.display({
        id: 'grid',
        header: () => (
          <>
            <span className="visually-hidden">Heat grid, scores 30 to 1</span>
            <span className="heat heat-head" aria-hidden="true">
              {scores.map((s) => (
                <span key={s} className="heat-cell">
                  {s}
                </span>
              ))}
            </span>
          </>
        ),
        cell: (c) => <HeatGrid score={c.row.original.score} bandOf={bandOf} />,
        meta: { className: 'grid' },
      }),
      column.accessor((r) => r.mitigationPlan.join('\n'), {
        id: 'mitigation',
        header: 'Mitigation plan',
        enableSorting: false,
        meta: { className: 'long' },
        cell: (c) => (
          <ul>
            {c.row.original.mitigationPlan.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ul>
        ),
      }),
      movementColumn<Risk>(since, (r) => movementOf.get(r.id) ?? (since ? 'No change' : '')),
      column.accessor('status', { id: 'status', header: 'Status' }),
      column.accessor('raisedOn', { id: 'raisedOn', header: 'Raised', cell: (c) => ukDate(c.getValue()) }),
      ...editColumns<Risk>({ shown: !at && viewer?.role === 'secretariat', kind: 'risk', label: (row) => row.ref }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [viewer, at, bands, movementOf, since?.number],
  );
  return (
    <Loaded query={risks} what="risks">
      {(rows) => (
        <>
          <h1>Risks</h1>
          {!at && <RaiseButton kind="risk" />}
          <p className="legend">
            {bands.map((b) => (
              <span key={b.name} className={`legend-item band-${b.name.toLowerCase()}`}>
                {b.name} {b.min}–{b.max}
              </span>
            ))}
          </p>
          <DataTable
            caption="CCAG risks"
            rows={[...rows].sort((a, b) => b.score - a.score)}
            columns={columns}
            filters={[
              { column: 'band', label: 'Band', options: bands.map((b) => b.name) },
              { column: 'status', label: 'Status', options: statusesOf(vocabulary.data, 'risk') },
            ]}
          />
        </>
      )}
    </Loaded>
  );
}
