/**
 * The signed-in bearer token. It lives in sessionStorage (gone when the tab closes, never in
 * a URL): a sign-in link carries it in the fragment (#token=...), which the browser never
 * sends to a server, and the app removes it from the address bar at once.
 */
const storageKey = 'ccag.token';

export function readTokenFromLink(location: Location, history: History): string | undefined {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (!token) return undefined;
  fragment.delete('token');
  const rest = fragment.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return token;
}

export function storedToken(): string | undefined {
  return sessionStorage.getItem(storageKey) ?? undefined;
}

export function storeToken(token: string | undefined): void {
  if (token) sessionStorage.setItem(storageKey, token);
  else sessionStorage.removeItem(storageKey);
}

export const authorizationHeader = (token: string | undefined): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};
