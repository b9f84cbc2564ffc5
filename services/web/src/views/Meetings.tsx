import { useMemo } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../components/DataTable.tsx';
import { ItemLink } from '../components/ItemLink.tsx';
import { useMeetings, useVocabulary, type MeetingAt, statusesOf } from '../data.ts';
import { ukDate } from '../format.ts';
import { Link } from '../components/Link.tsx';
import { usePoint } from '../point.ts';
import { Loaded } from './common.tsx';
import { RaiseButton } from '../forms/ItemForms.tsx';
import { PackDownload } from './PackDownload.tsx';

const column = createColumnHelper<MeetingAt>();

export function Meetings() {
  const vocabulary = useVocabulary();
  const at = usePoint();
  const meetings = useMeetings(at);
  const columns = useMemo(
    () => [
      column.accessor('number', {
        id: 'number',
        header: 'Meeting',
        cell: (c) => <ItemLink id={c.row.original.id}>{`CCAG #${c.getValue()}`}</ItemLink>,
      }),
      column.accessor('date', { id: 'date', header: 'Date', cell: (c) => ukDate(c.getValue()) }),
      column.accessor('status', { id: 'status', header: 'Status' }),
      column.accessor((m) => m.agenda.join('\n'), {
        id: 'agenda',
        header: 'Agenda',
        enableSorting: false,
        meta: { className: 'long' },
        cell: (c) => (
          <ol>
            {c.row.original.agenda.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ol>
        ),
      }),
      column.accessor((m) => m.heldOn ?? '', { id: 'heldOn', header: 'Held', cell: (c) => ukDate(c.getValue()) }),
      column.accessor((m) => m.boundaryPosition ?? '', { id: 'boundary', header: 'Boundary position' }),
      column.accessor((m) => m.digest ?? '', { id: 'digest', header: 'Digest', cell: (c) => <code className="hash">{c.getValue()}</code> }),
      column.display({
        id: 'view',
        header: 'Register then',
        cell: (c) =>
          c.row.original.heldOn ? <Link href={`/?at=meeting:${c.row.original.number}`}>As frozen at #{c.row.original.number}</Link> : null,
      }),
      column.display({ id: 'pack', header: 'Pack', cell: (c) => <PackDownload meeting={c.row.original.number} /> }),
    ],
    [],
  );
  return (
    <Loaded query={meetings} what="meetings">
      {(rows) => (
        <>
          <h1>Meetings</h1>
          {!at && <RaiseButton kind="meeting" />}
          <DataTable
            caption="CCAG meetings"
            rows={rows}
            columns={columns}
            filters={[{ column: 'status', label: 'Status', options: statusesOf(vocabulary.data, 'meeting') }]}
          />
        </>
      )}
    </Loaded>
  );
}
