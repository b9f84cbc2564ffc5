import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createClient, type Client } from 'graphql-ws';
import { print } from 'graphql';
import { graphql, type ResultOf } from './graphql.ts';

const registerChanged = graphql(`
  subscription RegisterChanged {
    registerChanged {
      position
      eventType
      itemId
      kind
      version
      actor
    }
  }
`);

export type RegisterChange = ResultOf<typeof registerChanged>['registerChanged'];

type Listener = (change: RegisterChange) => void;
const listeners = new Set<Listener>();

/** Calls `listener` with every change the register announces while the component is mounted. */
export function useRegisterChanges(listener: Listener): void {
  useEffect(() => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [listener]);
}

/** The latest change the register announced for one item, if any since mounting. */
export function useLatestChangeOf(itemId: string | undefined): RegisterChange | undefined {
  const [latest, setLatest] = useState<RegisterChange | undefined>(undefined);
  useEffect(() => {
    if (!itemId) return;
    const listener: Listener = (change) => {
      if (change.itemId === itemId) setLatest(change);
    };
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [itemId]);
  return latest;
}

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * Keeps one `registerChanged` subscription open (the token goes in connection_init) and
 * refreshes every open view when the register changes: nobody needs to reload.
 */
export function useLiveRegister(token: string | undefined): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const client: Client = createClient({
      url: `${scheme}//${window.location.host}/graphql`,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: {
        connected: () => setState('live'),
        closed: () => setState('offline'),
        connecting: () => setState('connecting'),
      },
    });
    const stop = client.subscribe<ResultOf<typeof registerChanged>>(
      { query: print(registerChanged) },
      {
        next: (message) => {
          const change = message.data?.registerChanged;
          if (!change) return;
          for (const listener of listeners) listener(change);
          void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'viewer' });
        },
        error: () => setState('offline'),
        complete: () => {},
      },
    );
    return () => {
      stop();
      void client.dispose();
    };
  }, [token, queryClient]);
  return state;
}
