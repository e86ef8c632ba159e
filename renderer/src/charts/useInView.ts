import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/** `margin` ('300px') in pixels; any other form counts as 0 for the layout-time check. */
function marginPx(margin: string): number {
  const m = /^(-?\d+(?:\.\d+)?)px$/.exec(margin.trim());
  return m ? Number(m[1]) : 0;
}

/** Whether the element's box is within `margin` of the viewport now (a layout-time look). */
function nearViewport(el: Element, margin: number): boolean {
  const r = el.getBoundingClientRect();
  const vw = window.innerWidth || document.documentElement.clientWidth;
  const vh = window.innerHeight || document.documentElement.clientHeight;
  return r.bottom >= -margin && r.top <= vh + margin && r.right >= -margin && r.left <= vw + margin;
}

/**
 * Whether the element has come near the viewport (within `margin`), latched: once seen it stays true,
 * so a chart scrolled past keeps what it drew. A page of many charts (a run's every metric) then fetches
 * and draws only the ones the user can reach. Without IntersectionObserver everything counts as seen.
 *
 * An element already near the viewport when it mounts is seen at once, before the first paint: waiting
 * for the observer's first callback (a frame later) delayed every chart's fetch by a render and a frame.
 */
export function useInView(ref: RefObject<Element | null>, margin = '300px'): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useLayoutEffect(() => {
    const el = ref.current;
    if (!seen && el && nearViewport(el, marginPx(margin))) setSeen(true);
    // Only at mount: later changes are the observer's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: margin },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen, margin]);
  return seen;
}
