import { useMemo } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../components/DataTable.tsx';
import { ItemLink } from '../components/ItemLink.tsx';
import { useMilestones, useVocabulary, type Milestone, statusesOf } from '../data.ts';
import { ukDate } from '../format.ts';
import { usePoint } from '../point.ts';
import { mayEdit, useSession } from '../session-context.tsx';
import { editColumns } from './columns.tsx';
import { Loaded } from './common.tsx';
import { RaiseButton } from '../forms/ItemForms.tsx';

const column = createColumnHelper<Milestone>();

/** A RAG status as a chip: colour and the word (colour alone says nothing to a screen reader). */
export function StatusChip({ status }: { status: string }) {
  return <span className={`chip chip-${status.toLowerCase().replace(/\s+/g, '-')}`}>{status}</span>;
}

/** Programme milestones per workstream: baseline, forecast (with per-party text), status. */
export function Milestones() {
  const at = usePoint();
  const { viewer } = useSession();
  const vocabulary = useVocabulary();
  const milestones = useMilestones(at);
  const workstreams = vocabulary.data?.vocabulary.workstreams ?? [];
  const codeBodyOf = (workstream: string) => workstreams.find((w) => w.id === workstream)?.codeBody ?? null;
  const columns = useMemo(
    () => [
      column.accessor((m) => m.ref ?? '', {
        id: 'ref',
        header: 'Ref',
        cell: (c) => <ItemLink id={c.row.original.id}>{c.getValue() || c.row.original.key}</ItemLink>,
      }),
      column.accessor('workstream', { id: 'workstream', header: 'Workstream' }),
      column.accessor('description', { id: 'description', header: 'Milestone', meta: { className: 'long' } }),
      column.accessor((m) => m.baselineDate.text, {
        id: 'baseline',
        header: 'Baseline',
        sortingFn: (a, b) => (a.original.baselineDate.sortKey ?? '9999').localeCompare(b.original.baselineDate.sortKey ?? '9999'),
      }),
      column.accessor((m) => m.forecastDate.text, {
        id: 'forecast',
        header: 'Forecast',
        sortingFn: (a, b) => (a.original.forecastDate.sortKey ?? '9999').localeCompare(b.original.forecastDate.sortKey ?? '9999'),
      }),
      column.accessor('status', { id: 'status', header: 'Status', cell: (c) => <StatusChip status={c.getValue()} /> }),
      column.accessor((m) => ukDate(m.completedOn), { id: 'completedOn', header: 'Completed' }),
      ...editColumns<Milestone>({
        shown: !at,
        kind: 'milestone',
        label: (row) => row.description,
        mayEditRow: (row) => mayEdit(viewer, codeBodyOf(row.workstream)),
      }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [viewer, at, workstreams],
  );
  return (
    <Loaded query={milestones} what="milestones">
      {(rows) => (
        <>
          <h1>Milestones</h1>
          {!at && <RaiseButton kind="milestone" />}
          <DataTable
            caption="Milestones by workstream"
            rows={rows}
            columns={columns}
            filters={[
              { column: 'workstream', label: 'Workstream', options: workstreams.map((w) => w.id) },
              { column: 'status', label: 'Status', options: statusesOf(vocabulary.data, 'milestone') },
            ]}
            groupBy={(m) => workstreams.find((w) => w.id === m.workstream)?.name ?? m.workstream}
          />
        </>
      )}
    </Loaded>
  );
}
