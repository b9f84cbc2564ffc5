import { useMemo } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../components/DataTable.tsx';
import { ItemLink } from '../components/ItemLink.tsx';
import { previousHeldMeeting, useChangeProposals, useMovement, useVocabulary, type ChangeProposal, statusesOf } from '../data.ts';
import { ukDate } from '../format.ts';
import { usePoint } from '../point.ts';
import { mayEdit, useSession } from '../session-context.tsx';
import { editColumns } from './columns.tsx';
import { Loaded } from './common.tsx';
import { RaiseButton } from '../forms/ItemForms.tsx';

const column = createColumnHelper<ChangeProposal>();

/** The Horizon Scanning Log: change proposals by code body, new since the last meeting apart. */
export function HorizonScanning() {
  const at = usePoint();
  const { viewer } = useSession();
  const vocabulary = useVocabulary();
  const proposals = useChangeProposals(at);
  const since = vocabulary.data ? previousHeldMeeting(vocabulary.data.meetings, at) : undefined;
  const movement = useMovement(since ? { meeting: since.number } : undefined, at);
  const newIds = useMemo(() => new Set(movement.data?.horizonScanning.new.map((m) => m.id) ?? []), [movement.data]);
  const editable = !at;

  const columns = useMemo(
    () => [
      column.accessor('ref', { id: 'ref', header: 'Ref', cell: (c) => <ItemLink id={c.row.original.id}>{c.getValue()}</ItemLink> }),
      column.accessor('codeBody', { id: 'codeBody', header: 'Code body' }),
      column.accessor('title', { id: 'title', header: 'Title' }),
      column.accessor('summary', { id: 'summary', header: 'Summary', meta: { className: 'long' } }),
      column.accessor((cp) => cp.stakeholderPositions ?? '', {
        id: 'stakeholderPositions',
        header: 'Stakeholder positions',
        meta: { className: 'long' },
      }),
      column.accessor('raisedOn', { id: 'raisedOn', header: 'Date raised', cell: (c) => ukDate(c.getValue()) }),
      column.accessor('status', { id: 'status', header: 'Status' }),
      column.accessor((cp) => cp.decisionDate.text, {
        id: 'decisionDate',
        header: 'Decision date',
        sortingFn: (a, b) => (a.original.decisionDate.sortKey ?? '9999').localeCompare(b.original.decisionDate.sortKey ?? '9999'),
      }),
      column.accessor('mhhsImpact', { id: 'mhhsImpact', header: 'MHHS impact', meta: { className: 'long' } }),
      column.accessor((cp) => cp.updates.map((u) => `${u.on}: ${u.text}`).join('\n'), {
        id: 'updates',
        header: 'Updates',
        enableSorting: false,
        meta: { className: 'long' },
        cell: (c) => (
          <ul className="updates">
            {c.row.original.updates.map((u, i) => (
              <li key={i}>
                <strong>Update {ukDate(u.on).slice(0, 5)}</strong> – {u.text}
              </li>
            ))}
          </ul>
        ),
      }),
      ...editColumns<ChangeProposal>({
        shown: editable,
        kind: 'changeProposal',
        label: (row) => row.ref,
        mayEditRow: (row) => mayEdit(viewer, row.codeBody),
      }),
    ],
    [viewer, editable],
  );

  return (
    <Loaded query={proposals} what="change proposals">
      {(rows) => {
        const bodies = vocabulary.data?.vocabulary.codeBodies.map((b) => b.code) ?? [];
        const filters = [
          { column: 'codeBody', label: 'Code body', options: bodies },
          { column: 'status', label: 'Status', options: statusesOf(vocabulary.data, 'changeProposal') },
          { column: 'mhhsImpact', label: 'MHHS impact' },
        ];
        const bodyName = (code: string) => vocabulary.data?.vocabulary.codeBodies.find((b) => b.code === code)?.name ?? code;
        const order = (list: ChangeProposal[]) => [...list].sort((a, b) => bodies.indexOf(a.codeBody) - bodies.indexOf(b.codeBody));
        const fresh = order(rows.filter((cp) => newIds.has(cp.id)));
        const existing = order(rows.filter((cp) => !newIds.has(cp.id)));
        return (
          <>
            <h1>Horizon Scanning Log</h1>
            {!at && <RaiseButton kind="changeProposal" />}
            {since && (
              <DataTable
                caption={`New since CCAG #${since.number}`}
                rows={fresh}
                columns={columns}
                filters={filters}
                groupBy={(cp) => bodyName(cp.codeBody)}
              />
            )}
            <DataTable
              caption={since ? 'Existing' : 'Change proposals'}
              rows={since ? existing : order(rows)}
              columns={columns}
              filters={filters}
              groupBy={(cp) => bodyName(cp.codeBody)}
            />
          </>
        );
      }}
    </Loaded>
  );
}
