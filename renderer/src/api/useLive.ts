import { useEffect, useState } from 'react';
import { useHostEvents } from './ApiContext';

/** Whether the host's events flow (what is shown follows the store), for a "live" indicator. */
export function useLive(): boolean {
  const events = useHostEvents();
  const [live, setLive] = useState(false);
  useEffect(() => events.subscribe(() => undefined, setLive), [events]);
  return live;
}
