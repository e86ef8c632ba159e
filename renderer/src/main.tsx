/**
 * The renderer's composition root: the host's API and events, the query cache, the router. The theme
 * is applied before the first render, so a dark window never flashes light.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiContext';
import { dropTokenFromAddress, seedBootData } from './api/bootData';
import { createHostApi, createHostEvents } from './api/client';
import { createQueryClient } from './api/queries';
import { createAppRouter } from './router';
import { prefetchRunsPreview } from './runs/prefetchRunsPreview';
import { applyTheme } from './ui/theme';
import './styles.css';
import './ui/ui.css';

applyTheme();
dropTokenFromAddress();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const router = createAppRouter();
const queryClient = createQueryClient();
const api = createHostApi();
seedBootData(queryClient);
prefetchRunsPreview(queryClient, api, router.state.location);

createRoot(container).render(
  <StrictMode>
    <ApiProvider api={api} events={createHostEvents()}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ApiProvider>
  </StrictMode>,
);
