import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import 'graphiql/style.css';
import { storedToken } from './session.ts';

/**
 * GraphiQL bundled from its npm package and served by the register: it works with no
 * internet. The headers pane starts with the token signed in to the web app in this tab.
 */
const token = storedToken();
const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  wsClient: createClient({
    url: `${scheme}//${window.location.host}/graphql`,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: true,
  }),
  headers: {},
});

const headers = token ? JSON.stringify({ authorization: `Bearer ${token}` }, null, 2) : undefined;

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      headers={headers}
      defaultHeaders={headers}
      shouldPersistHeaders={false}
      defaultEditorToolsVisibility={headers ? 'headers' : false}
    />
  </StrictMode>,
);
