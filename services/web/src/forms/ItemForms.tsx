import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { kindOfItemId } from '../items.ts';
import { mayEdit, useSession, type Viewer } from '../session-context.tsx';
import { useVocabulary, type Vocabulary } from '../data.ts';
import type { ItemOfPage } from '../views/ItemPage.tsx';
import { formsByKind, raiseFormOf, type CommandForm } from './catalogue.ts';

// The forms (with every slice's command schemas, zod and the date reader) load when one is
// opened, not with the tables: the first render of a view waits for none of it.
const loadFormView = () => import('./CommandFormView.tsx');
const CommandFormView = lazy(() => loadFormView().then((m) => ({ default: m.CommandFormView })));
const Loading = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<p aria-busy="true">Loading the form…</p>}>{children}</Suspense>
);
import { itemFetcher } from './fetch-item.ts';
import type { ItemKind } from '../items.ts';

/** Whether the caller may change this item: the secretariat anything, an editor its code bodies' CPs and milestones. */
export function mayChangeItem(
  viewer: Viewer | undefined,
  item: Record<string, unknown>,
  kind: ItemKind,
  vocabulary: Vocabulary | undefined,
): boolean {
  if (kind === 'changeProposal') return mayEdit(viewer, item['codeBody'] as string);
  if (kind === 'milestone') {
    const workstream = vocabulary?.vocabulary.workstreams.find((w) => w.id === item['workstream']);
    return mayEdit(viewer, workstream?.codeBody ?? null);
  }
  return viewer?.role === 'secretariat';
}

/** The commands offered for one item, one form at a time. */
export function ItemForms({ item, open }: { item: ItemOfPage; open: boolean }) {
  const { viewer, request } = useSession();
  const vocabulary = useVocabulary();
  const queryClient = useQueryClient();
  const kind = kindOfItemId(item.id);
  const [chosen, setChosen] = useState<CommandForm | undefined>(undefined);
  const [expanded, setExpanded] = useState(open);
  // An item's page fetches the forms' code at once: the one opened then hears of others' edits from the start.
  useEffect(() => void loadFormView(), []);
  if (!kind) return null;
  const record = item as unknown as Record<string, unknown> & { id: string; version: number };
  if (!mayChangeItem(viewer, record, kind, vocabulary.data)) return null;
  const offered = formsByKind[kind].filter((f) => f !== raiseFormOf(kind) && (!f.offeredFor || f.offeredFor(record)));
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: ['item'] });
    return itemFetcher(request)(item.id);
  };
  return (
    <section className="panel" aria-labelledby="edit-heading">
      <h2 id="edit-heading">
        <button type="button" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
          {expanded ? 'Hide the forms' : 'Change this item'}
        </button>
      </h2>
      {expanded && (
        <>
          <div className="tabs" role="group" aria-label="Commands">
            {offered.map((form) => (
              <button key={form.mutation} type="button" aria-pressed={chosen?.mutation === form.mutation} onClick={() => setChosen(form)}>
                {form.label}
              </button>
            ))}
          </div>
          {chosen && (
            <Loading>
              <CommandFormView key={`${chosen.mutation}`} form={chosen} item={record} reload={reload} />
            </Loading>
          )}
        </>
      )}
    </section>
  );
}

/** "Raise ..." on a list view, for those who may. */
export function RaiseButton({ kind }: { kind: ItemKind }) {
  const { viewer } = useSession();
  const [open, setOpen] = useState(false);
  const form = raiseFormOf(kind);
  const allowed = viewer?.role === 'secretariat' || (viewer?.role === 'editor' && (kind === 'changeProposal' || kind === 'milestone'));
  if (!allowed) return null;
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Close the form' : form.label}
      </button>
      {open && (
        <div className="panel raise-panel">
          <Loading>
            <CommandFormView form={form} />
          </Loading>
        </div>
      )}
    </>
  );
}
