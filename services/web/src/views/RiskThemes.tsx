import { useMemo } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../components/DataTable.tsx';
import { ItemLink } from '../components/ItemLink.tsx';
import { statusesOf, useMovementSinceLastMeeting, useRiskThemes, useVocabulary, type RiskTheme } from '../data.ts';
import { ukDate } from '../format.ts';
import { usePoint } from '../point.ts';
import { useSession } from '../session-context.tsx';
import { RaiseButton } from '../forms/ItemForms.tsx';
import { editColumns, movementColumn } from './columns.tsx';
import { Bullets, Loaded } from './common.tsx';

const column = createColumnHelper<RiskTheme>();

/** The pack's "Top Programme Risks related to CCAG": theme, summary, mitigation approach, Open or Retired. */
export function RiskThemes() {
  const at = usePoint();
  const { viewer } = useSession();
  const vocabulary = useVocabulary();
  const themes = useRiskThemes(at);
  const { since, lineOf } = useMovementSinceLastMeeting(at, (m) => m.riskThemes);
  const columns = useMemo(
    () => [
      column.accessor('theme', { id: 'theme', header: 'Theme', cell: (c) => <ItemLink id={c.row.original.id}>{c.getValue()}</ItemLink> }),
      column.accessor('summary', { id: 'summary', header: 'Summary', meta: { className: 'long' } }),
      column.accessor((t) => t.mitigationApproach.join('\n'), {
        id: 'mitigationApproach',
        header: 'Mitigation Approach Overview',
        enableSorting: false,
        meta: { className: 'long' },
        cell: (c) => <Bullets lines={c.row.original.mitigationApproach} />,
      }),
      column.accessor('status', { id: 'status', header: 'Status' }),
      column.accessor('raisedOn', { id: 'raisedOn', header: 'Raised', cell: (c) => ukDate(c.getValue()) }),
      column.accessor((t) => t.retiredOn ?? '', { id: 'retiredOn', header: 'Retired', cell: (c) => ukDate(c.getValue()) }),
      movementColumn<RiskTheme>(since, (t) => lineOf(t.id)),
      ...editColumns<RiskTheme>({ shown: !at && viewer?.role === 'secretariat', kind: 'riskTheme', label: (row) => row.theme }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [viewer, at, lineOf, since?.number],
  );
  return (
    <Loaded query={themes} what="risk themes">
      {(rows) => (
        <>
          <h1>Risk themes</h1>
          {!at && <RaiseButton kind="riskTheme" />}
          <DataTable
            caption="Top programme risks related to CCAG: themes"
            // The pack's order: in the order they were raised.
            rows={[...rows].sort((a, b) => a.raisedOn.localeCompare(b.raisedOn) || a.id.localeCompare(b.id))}
            columns={columns}
            filters={[{ column: 'status', label: 'Status', options: statusesOf(vocabulary.data, 'riskTheme') }]}
          />
        </>
      )}
    </Loaded>
  );
}
