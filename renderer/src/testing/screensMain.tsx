/**
 * Entry of screens.html: the issue-10 screens on the real host API, with hash history like the app.
 * The theme follows the system (prefers-color-scheme), as the app's "system" setting does.
 * Superseded when the app's router wires the screens.
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
const dark = window.matchMedia('(prefers-color-scheme: dark)');
const applyTheme = () => (document.documentElement.dataset.theme = dark.matches ? 'dark' : 'light');
applyTheme();
dark.addEventListener('change', applyTheme);

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
