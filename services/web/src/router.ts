import { useSyncExternalStore, type MouseEvent } from 'react';

/** A small history router: the app's state that a link must carry is all in the URL. */
const changed = 'ccag:navigate';

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  window.addEventListener(changed, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(changed, onChange);
  };
};

const snapshot = () => `${window.location.pathname}${window.location.search}`;

export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(changed));
}

/** Follows an in-app link without a reload (a modified click still opens a new tab). */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.currentTarget;
  if (anchor.origin !== window.location.origin || anchor.target) return;
  event.preventDefault();
  navigate(`${anchor.pathname}${anchor.search}${anchor.hash}`);
}

/** The current URL with one query parameter set (or removed), for links that keep the rest. */
export function withParam(name: string, value: string | undefined, path = window.location.pathname): string {
  const search = new URLSearchParams(window.location.search);
  if (value === undefined || value === '') search.delete(name);
  else search.set(name, value);
  const query = search.toString();
  return `${path}${query ? `?${query}` : ''}`;
}
