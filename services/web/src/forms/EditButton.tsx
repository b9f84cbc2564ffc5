import { itemPath } from '../routes.ts';
import { Link } from '../components/Link.tsx';
import type { ItemKind } from '../items.ts';

/** The way to an item's forms: its page, opened at its edit panel. */
export function EditButton({ id, label }: { kind: ItemKind; id: string; label: string }) {
  return (
    <Link className="button small" href={`${itemPath(id)}?edit=1`} aria-label={`Edit ${label}`}>
      Edit
    </Link>
  );
}
