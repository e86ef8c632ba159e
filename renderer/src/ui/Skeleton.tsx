/**
 * Grey placeholders shaped like the content that is coming, so nothing jumps when it arrives: give
 * them the real content's size (rows of the real row height, lines of the real line height).
 */
import type { CSSProperties } from 'react';

export function Skeleton({
  width,
  height = 12,
  style,
}: {
  width: number | string;
  height?: number;
  style?: CSSProperties;
}) {
  return <span className="skeleton" aria-hidden="true" style={{ width, height, ...style }} />;
}

/** `count` lines of varying width, each `lineHeight` tall: a list that is loading. */
export function SkeletonLines({
  count,
  lineHeight,
  className,
}: {
  count: number;
  lineHeight: number;
  className?: string;
}) {
  return (
    <div className={`skeleton-lines ${className ?? ''}`} aria-hidden="true">
      {Array.from({ length: count }, (_v, i) => (
        <div key={i} className="skeleton-line" style={{ height: lineHeight }}>
          <Skeleton width={`${55 + ((i * 37) % 40)}%`} />
        </div>
      ))}
    </div>
  );
}
