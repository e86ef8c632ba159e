/**
 * Whether this tree is being rendered into the page's HTML by the web host (renderShell.tsx) rather
 * than mounted in a window: the app shell then marks itself `prerendered` and inert.
 */
import { createContext, useContext } from 'react';

export const PrerenderingContext = createContext(false);

export function usePrerendering(): boolean {
  return useContext(PrerenderingContext);
}
