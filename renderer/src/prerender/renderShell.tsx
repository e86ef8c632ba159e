/**
 * The app's first screen as HTML, sent in the page by the web host (issue 12): the shell and the
 * sidebar, rendered by the app's own components from the answers the page carries anyway
 * (shared/common/firstScreen.ts). The sidebar then paints as the page arrives, instead of after the
 * bundle is evaluated and the first render is done (~150–200 ms of a launch on a 2-core machine).
 *
 * What is sent is inert and marked `data-state="prerendered"`: nothing in it responds, and tests and
 * the bench do not mistake it for the app. React's first commit replaces it (createRoot clears its
 * container), in the same frame: that commit is the same shell and sidebar, the screen follows
 * (App.tsx). What the server cannot know shows with that commit: the experiments selected in the
 * URL's hash, and choices kept in the browser's storage (deleted experiments shown). The theme is set
 * before anything paints (ui/themeBoot.ts).
 *
 * Runs in Node, in a worker of the web host (shared/node/web/shellPrerender.ts), from its own bundle
 * (dist/shellPrerender.mjs): no effect runs and nothing is fetched; an answer missing from the page
 * renders as its skeleton, as it would in the window.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { renderToString } from 'react-dom/server';
import type { RunlensApi } from '../../../shared/common/contract';
import type { BootAnswer } from '../../../shared/common/firstScreen';
import { App } from '../App';
import { ApiProvider } from '../api/ApiContext';
import { seedAnswers } from '../api/bootData';
import type { HostEvents } from '../api/client';
import { createQueryClient } from '../api/queries';
import { PrerenderingContext } from './prerendering';

/** Nothing is asked while rendering to a string: a call would be a bug, and says so. */
const noApi = new Proxy({} as RunlensApi, {
  get: (_target, method) => () =>
    Promise.reject(new Error(`${String(method)} was called while prerendering the page`)),
});

const noEvents: HostEvents = {
  subscribe: () => () => undefined,
  onStoresChanged: () => () => undefined,
};

/** The shell and sidebar for these answers, as HTML for the app's root element. */
export async function renderShell(answers: readonly BootAnswer[]): Promise<string> {
  const client = createQueryClient();
  seedAnswers(client, answers);
  const history = createMemoryHistory({ initialEntries: ['/'] });
  // Links as the window's hash history writes them.
  history.createHref = (href) => `#${href}`;
  // Only the root route: the screen is not part of the first commit (App.tsx), so no route's code is
  // needed, nor bundled.
  const router = createRouter({ routeTree: createRootRoute({ component: App }), history });
  await router.load();
  const html = renderToString(
    <PrerenderingContext.Provider value={true}>
      <ApiProvider api={noApi} events={noEvents}>
        <QueryClientProvider client={client}>
          <RouterProvider router={router as never} />
        </QueryClientProvider>
      </ApiProvider>
    </PrerenderingContext.Provider>,
  );
  client.clear();
  return html;
}
