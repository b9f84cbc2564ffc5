import type { AnchorHTMLAttributes } from 'react';
import { followLink } from '../router.ts';

/** An in-app link: a real <a href> (open in new tab, copy link) that navigates without a reload. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={props.onClick ?? followLink} />;
}
