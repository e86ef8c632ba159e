import { useLayoutEffect, useRef, useState, type CSSProperties, type UIEvent } from 'react';
import type { Column, ColumnGroup, SortState } from '../runs/columns';
import type { RunRow } from '../runs/runTree';
import { CellContent } from './Cells';

/** Fixed row height: windowing computes the visible rows from the scroll offset alone. */
export const ROW_HEIGHT = 28;
/** Rows rendered above and below the viewport, so fast scrolling shows no blank band. */
const OVERSCAN = 10;
const INDENT = 16;

const GROUP_LABELS: Record<ColumnGroup, string> = {
  run: '',
  metrics: 'Metrics',
  params: 'Parameters',
};

interface Props {
  rows: readonly RunRow[];
  columns: readonly Column[];
  sort: SortState | null;
  onSort: (columnId: string) => void;
  /** Rows are a tree (default order): show disclosure toggles and indentation. */
  nested: boolean;
  collapsed: ReadonlySet<string>;
  onToggle: (runId: string) => void;
  selectedRunId: string | null;
  onSelect: (runId: string) => void;
  dimmed: boolean;
}

function cellStyle(column: Column): CSSProperties {
  return { width: column.width, minWidth: column.width, maxWidth: column.width };
}

/** Consecutive columns of the same group, for the group header row. */
function groupSpans(
  columns: readonly Column[],
): { group: ColumnGroup; width: number; first: Column }[] {
  const spans: { group: ColumnGroup; width: number; first: Column }[] = [];
  for (const column of columns) {
    const last = spans[spans.length - 1];
    if (last && last.group === column.group) last.width += column.width;
    else spans.push({ group: column.group, width: column.width, first: column });
  }
  return spans;
}

/** Watches the scroll container's height and offset; windowing needs nothing else. */
function useViewport() {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const onScroll = (event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop);
  return { ref, height, scrollTop, onScroll };
}

export function RunsTable(props: Props) {
  const {
    rows,
    columns,
    sort,
    onSort,
    nested,
    collapsed,
    onToggle,
    selectedRunId,
    onSelect,
    dimmed,
  } = props;
  const { ref, height, scrollTop, onScroll } = useViewport();
  const totalWidth = columns.reduce((sum, c) => sum + c.width, 0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  return (
    <div className={`runs-scroll${dimmed ? ' dimmed' : ''}`} ref={ref} onScroll={onScroll}>
      <div
        className="runs-grid"
        role="table"
        aria-rowcount={rows.length + 1}
        style={{ width: totalWidth }}
      >
        <div className="runs-head" role="rowgroup">
          <div className="runs-grouprow" aria-hidden="true">
            {groupSpans(columns).map((span) => (
              <div
                key={span.first.id}
                className={`group-cell group-${span.group}`}
                style={{ width: span.width, minWidth: span.width }}
              >
                {GROUP_LABELS[span.group]}
              </div>
            ))}
          </div>
          <div className="runs-row head-row" role="row">
            {columns.map((column) => {
              const active = sort?.columnId === column.id;
              const direction = active ? (sort.ascending ? 'ascending' : 'descending') : 'none';
              return (
                <div
                  key={column.id}
                  role="columnheader"
                  aria-sort={direction}
                  className={`cell head-cell align-${column.align} group-${column.group}${column.id === 'name' ? ' sticky' : ''}`}
                  style={cellStyle(column)}
                >
                  <button
                    type="button"
                    onClick={() => onSort(column.id)}
                    title={`Sort by ${column.label}`}
                  >
                    <span className="head-label">{column.label}</span>
                    <span className="sort-mark" aria-hidden="true">
                      {active ? (sort.ascending ? '\u25b2' : '\u25bc') : ''}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div className="runs-body" role="rowgroup" style={{ height: rows.length * ROW_HEIGHT }}>
          {visible.map((row, i) => {
            const { run } = row;
            const id = run.info.runId;
            const index = first + i;
            return (
              <div
                key={id}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={id === selectedRunId}
                data-run-id={id}
                className={`runs-row body-row${index % 2 ? ' odd' : ''}${id === selectedRunId ? ' selected' : ''}`}
                style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
                onClick={() => onSelect(id)}
              >
                {columns.map((column) =>
                  column.id === 'name' ? (
                    <div
                      key="name"
                      role="cell"
                      className="cell sticky name-cell"
                      style={cellStyle(column)}
                    >
                      <span className="indent" style={{ width: nested ? row.depth * INDENT : 0 }} />
                      {nested && row.childCount > 0 ? (
                        <button
                          type="button"
                          className="twisty"
                          aria-expanded={!collapsed.has(id)}
                          aria-label={collapsed.has(id) ? 'Show child runs' : 'Hide child runs'}
                          onClick={(event) => {
                            event.stopPropagation();
                            onToggle(id);
                          }}
                        >
                          {collapsed.has(id) ? '\u25b8' : '\u25be'}
                        </button>
                      ) : nested ? (
                        <span className="twisty-space" />
                      ) : null}
                      <span className="run-name" title={`${run.info.runName || id}\n${id}`}>
                        {run.info.runName || <span className="muted">{id.slice(0, 12)}</span>}
                      </span>
                      {nested && row.childCount > 0 && (
                        <span className="child-count">{row.childCount}</span>
                      )}
                    </div>
                  ) : (
                    <div
                      key={column.id}
                      role="cell"
                      className={`cell align-${column.align}`}
                      style={cellStyle(column)}
                    >
                      <CellContent run={run} column={column} />
                    </div>
                  ),
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
