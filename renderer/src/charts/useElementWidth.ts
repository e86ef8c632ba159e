import { useLayoutEffect, useRef, useState } from 'react';

/** The element's content width, kept up to date (the chart asks for ~1 bucket per 2 pixels of it). */
export function useElementWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      // Whole pixels: sub-pixel jitter must not change the request (and refetch).
      if (w !== undefined) setWidth((old) => (Math.abs(old - w) >= 16 ? Math.round(w) : old));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
