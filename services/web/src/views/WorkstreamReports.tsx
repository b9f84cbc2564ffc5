import { useMemo } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../components/DataTable.tsx';
import { ItemLink } from '../components/ItemLink.tsx';
import { statusesOf, useMovementSinceLastMeeting, useVocabulary, useWorkstreamReports, type WorkstreamReport } from '../data.ts';
import { usePoint } from '../point.ts';
import { useSession } from '../session-context.tsx';
import { RaiseButton } from '../forms/ItemForms.tsx';
import { StatusChip } from './Milestones.tsx';
import { editColumns, movementColumn } from './columns.tsx';
import { Bullets, Loaded, uniqueSorted } from './common.tsx';

const column = createColumnHelper<WorkstreamReport>();

/** The pack's code workstream summaries: per meeting and workstream, overall status (RAG), monthly summary, next month deliverables. */
export function WorkstreamReports() {
  const at = usePoint();
  const { viewer } = useSession();
  const vocabulary = useVocabulary();
  const reports = useWorkstreamReports(at);
  const { since, lineOf } = useMovementSinceLastMeeting(at, (m) => m.workstreamReports);
  const workstreams = vocabulary.data?.vocabulary.workstreams ?? [];
  const columns = useMemo(
    () => [
      column.accessor('workstream', {
        id: 'workstream',
        header: 'Workstream',
        cell: (c) => <ItemLink id={c.row.original.id}>{c.getValue()}</ItemLink>,
      }),
      column.accessor((r) => `CCAG #${r.meeting}`, {
        id: 'meeting',
        header: 'Meeting',
        sortingFn: (a, b) => a.original.meeting - b.original.meeting,
      }),
      column.accessor('rag', { id: 'rag', header: 'RAG', cell: (c) => <StatusChip status={c.getValue()} /> }),
      column.accessor((r) => r.overallStatus.join('\n'), {
        id: 'overallStatus',
        header: 'Overall Status',
        enableSorting: false,
        meta: { className: 'long' },
        cell: (c) => <Bullets lines={c.row.original.overallStatus} />,
      }),
      column.accessor((r) => r.monthlySummary.join('\n'), {
        id: 'monthlySummary',
        header: 'Monthly Summary',
        enableSorting: false,
        meta: { className: 'long' },
        cell: (c) => <Bullets lines={c.row.original.monthlySummary} />,
      }),
      column.accessor((r) => r.nextMonthDeliverables.join('\n'), {
        id: 'nextMonthDeliverables',
        header: 'Next Month Deliverables',
        enableSorting: false,
        meta: { className: 'long' },
        cell: (c) => <Bullets lines={c.row.original.nextMonthDeliverables} />,
      }),
      movementColumn<WorkstreamReport>(since, (r) => lineOf(r.id)),
      ...editColumns<WorkstreamReport>({ shown: !at && viewer?.role === 'secretariat', kind: 'workstreamReport', label: (row) => row.ref }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [viewer, at, lineOf, since?.number],
  );
  return (
    <Loaded query={reports} what="workstream reports">
      {(rows) => {
        // The pack's order: the latest meeting first, workstreams as the register lists them.
        const order = (w: string) => workstreams.findIndex((x) => x.id === w);
        const sorted = [...rows].sort((a, b) => b.meeting - a.meeting || order(a.workstream) - order(b.workstream));
        return (
          <>
            <h1>Workstream reports</h1>
            {!at && <RaiseButton kind="workstreamReport" />}
            <DataTable
              caption="Code workstream summaries"
              rows={sorted}
              columns={columns}
              filters={[
                { column: 'meeting', label: 'Meeting', options: uniqueSorted(rows.map((r) => `CCAG #${r.meeting}`)) },
                { column: 'workstream', label: 'Workstream', options: workstreams.map((w) => w.id) },
                { column: 'rag', label: 'RAG', options: statusesOf(vocabulary.data, 'workstreamReport') },
              ]}
              groupBy={(r) => `CCAG #${r.meeting}`}
            />
          </>
        );
      }}
    </Loaded>
  );
}
