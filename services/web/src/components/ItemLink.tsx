import { itemPath } from '../routes.ts';
import { useLocation } from '../router.ts';
import { Link } from './Link.tsx';

/** A link to an item's page that keeps the point the UI is at (?at=...). */
export function ItemLink({ id, children }: { id: string; children: string }) {
  const at = useLocation().search.get('at');
  return <Link href={`${itemPath(id)}${at ? `?at=${encodeURIComponent(at)}` : ''}`}>{children}</Link>;
}
