import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the element has come near the viewport (within `margin`), latched: once seen it stays true,
 * so a chart scrolled past keeps what it drew. A page of many charts (a run's every metric) then fetches
 * and draws only the ones the user can reach. Without IntersectionObserver everything counts as seen.
 */
export function useInView(ref: RefObject<Element | null>, margin = '300px'): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
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
