import { useMemo } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../components/DataTable.tsx';
import { ItemLink } from '../components/ItemLink.tsx';
import { useActions, useVocabulary, type Action, statusesOf } from '../data.ts';
import { ukDate } from '../format.ts';
import { usePoint } from '../point.ts';
import { useSession } from '../session-context.tsx';
import { editColumns } from './columns.tsx';
import { Loaded } from './common.tsx';
import { RaiseButton } from '../forms/ItemForms.tsx';

const column = createColumnHelper<Action>();

export function Actions() {
  const at = usePoint();
  const { viewer } = useSession();
  const actions = useActions(at);
  const vocabulary = useVocabulary();
  const columns = useMemo(
    () => [
      column.accessor('ref', { id: 'ref', header: 'Ref', cell: (c) => <ItemLink id={c.row.original.id}>{c.getValue()}</ItemLink> }),
      column.accessor('raisedOn', { id: 'raisedOn', header: 'Raised', cell: (c) => ukDate(c.getValue()) }),
      column.accessor('text', { id: 'text', header: 'Action', meta: { className: 'long' } }),
      column.accessor((a) => a.owner.text, { id: 'owner', header: 'Owner' }),
      column.accessor((a) => a.dueDate ?? '', {
        id: 'dueDate',
        header: 'Due',
        cell: (c) => (
          <>
            {ukDate(c.getValue())}
            {c.row.original.overdue && <strong className="overdue"> Overdue</strong>}
          </>
        ),
      }),
      column.accessor((a) => a.update ?? '', { id: 'update', header: 'Update', meta: { className: 'long' } }),
      column.accessor('status', { id: 'status', header: 'Status' }),
      ...editColumns<Action>({ shown: !at && viewer?.role === 'secretariat', kind: 'action', label: (row) => row.ref }),
    ],
    [viewer, at],
  );
  return (
    <Loaded query={actions} what="actions">
      {(rows) => (
        <>
          <h1>Actions</h1>
          {!at && <RaiseButton kind="action" />}
          <DataTable
            caption="CCAG actions"
            rows={rows}
            columns={columns}
            filters={[
              { column: 'status', label: 'Status', options: statusesOf(vocabulary.data, 'action') },
              { column: 'owner', label: 'Owner' },
            ]}
            rowClassName={(a) => (a.overdue ? 'overdue-row' : undefined)}
          />
        </>
      )}
    </Loaded>
  );
}
