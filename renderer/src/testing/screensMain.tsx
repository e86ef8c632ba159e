/**
 * Entry of screens.html: the issue-10 screens on the real host API, with hash history like the app.
 * `?theme=dark` (before the #) sets the dark theme. Superseded when the app's router wires the screens.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { createHashHistory, RouterProvider } from '@tanstack/react-router';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider, useHostEvents } from '../api/ApiContext';
import { createHostApi, createHostEvents } from '../api/client';
import { createQueryClient, invalidateForEvent } from '../api/queries';
import { createScreensRouter } from './screenRoutes';
import '../styles.css';
import './harnessTheme.css';

const container = document.getElementById('root');
if (!container) throw new Error('screens.html has no #root element.');
const theme = new URLSearchParams(location.search).get('theme');
if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;

const queryClient = createQueryClient();
const router = createScreensRouter(createHashHistory());

function LiveInvalidation() {
  const events = useHostEvents();
  useEffect(() => events.subscribe((e) => void invalidateForEvent(queryClient, e)), [events]);
  return null;
}

createRoot(container).render(
  <StrictMode>
    <ApiProvider api={createHostApi()} events={createHostEvents()}>
      <QueryClientProvider client={queryClient}>
        <LiveInvalidation />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ApiProvider>
  </StrictMode>,
);
