import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { requestWith, type Request } from './api/client.ts';
import { viewerQuery } from './api/operations.ts';
import type { ResultOf } from './api/graphql.ts';
import { storeToken, storedToken } from './session.ts';

export type Viewer = ResultOf<typeof viewerQuery>['viewer'];

interface Session {
  readonly token: string | undefined;
  readonly request: Request;
  /** Who the token speaks for; undefined while it is being checked. */
  readonly viewer: Viewer | undefined;
  readonly viewerError: Error | null;
  signIn(token: string): Promise<Viewer>;
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ initialToken, children }: { initialToken: string | undefined; children: ReactNode }) {
  const [token, setToken] = useState<string | undefined>(initialToken ?? storedToken());
  const queryClient = useQueryClient();
  const request = useMemo(() => requestWith(token), [token]);
  const viewerOptions = { queryKey: ['viewer', token ?? ''], queryFn: () => request(viewerQuery).then((r) => r.viewer), retry: false };
  // Asked first: a view's queries start in its effects, which run before this provider's. The
  // viewer's small answer then arrives before a big table's, not after it with a second render.
  useState(() => void queryClient.prefetchQuery(viewerOptions));
  const viewer = useQuery(viewerOptions);

  const signIn = useCallback(
    async (candidate: string) => {
      const checked = await requestWith(candidate)(viewerQuery);
      storeToken(candidate);
      setToken(candidate);
      queryClient.clear();
      return checked.viewer;
    },
    [queryClient],
  );
  const signOut = useCallback(() => {
    storeToken(undefined);
    setToken(undefined);
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<Session>(
    () => ({ token, request, viewer: viewer.data, viewerError: viewer.error, signIn, signOut }),
    [token, request, viewer.data, viewer.error, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Whether the signed-in caller may change an item of this code body (undefined: not a code body's item). */
export function mayEdit(viewer: Viewer | undefined, codeBody: string | null | undefined): boolean {
  if (!viewer?.canWrite) return false;
  if (viewer.role === 'secretariat') return true;
  return codeBody !== null && codeBody !== undefined && viewer.codeBodies.includes(codeBody);
}
