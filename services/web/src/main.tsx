import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App.tsx';
import { SessionProvider } from './session-context.tsx';
import { readTokenFromLink, storeToken } from './session.ts';
import './styles.css';

// A sign-in link's token is taken out of the address bar before anything renders.
const linkToken = readTokenFromLink(window.location, window.history);
if (linkToken) {
  storeToken(linkToken);
  if (window.location.pathname === '/sign-in') window.history.replaceState(null, '', '/');
}

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: false } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider initialToken={linkToken}>
        <App />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
