import { createContext, useContext, type ReactNode } from 'react';
import type { RunlensApi } from '../../../shared/common/contract';
import type { HostEvents } from './client';

interface Host {
  api: RunlensApi;
  events: HostEvents;
}

const HostContext = createContext<Host | null>(null);

/** Makes the host's API and events available to every component; main.tsx picks the host once. */
export function ApiProvider({ api, events, children }: Host & { children: ReactNode }) {
  return <HostContext.Provider value={{ api, events }}>{children}</HostContext.Provider>;
}

function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error('The Runlens UI needs an <ApiProvider> above it.');
  return host;
}

export function useApi(): RunlensApi {
  return useHost().api;
}

export function useHostEvents(): HostEvents {
  return useHost().events;
}
