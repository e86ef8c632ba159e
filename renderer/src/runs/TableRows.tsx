/** The rows of the runs table: a run, a group header, a missing parent, a loading placeholder. */
import { Link } from '@tanstack/react-router';
import { memo, type CSSProperties, type ReactNode } from 'react';
import { formatMetric } from '../format/formatMetric';
import { Skeleton } from '../ui/Skeleton';
import { CellContent } from './Cells';
import type { ColumnSpec, RangeIndex } from './columns';
import type { GroupRow } from './grouping';
import type { MissingParentRow, RunRow } from './runTree';
import { INDENT } from './tableModel';
import { StoreComplianceBadge } from '../governance/ComplianceBadge';

export interface LaidOutColumn {
  spec: ColumnSpec | null; // null: the selection column
  id: string;
  width: number;
  /** Pinned: its left offset; center: undefined. */
  left?: number;
  colIndex: number;
}

export function cellStyle(col: LaidOutColumn): CSSProperties {
  return col.left === undefined
    ? { width: col.width, minWidth: col.width, maxWidth: col.width }
    : { width: col.width, minWidth: col.width, maxWidth: col.width, left: col.left };
}

function cellClass(col: LaidOutColumn, extra = ''): string {
  const align = col.spec?.align === 'right' ? ' align-right' : '';
  return `cell${col.left !== undefined ? ' sticky' : ''}${align}${extra}`;
}

/** Pinned cells, a spacer for the columns scrolled past, the center cells, a spacer after. */
export function RowCells({
  pinned,
  center,
  padLeft,
  padRight,
  render,
}: {
  pinned: readonly LaidOutColumn[];
  center: readonly LaidOutColumn[];
  padLeft: number;
  padRight: number;
  render: (col: LaidOutColumn) => ReactNode;
}) {
  return (
    <>
      {pinned.map(render)}
      {padLeft > 0 && <div className="col-pad" style={{ width: padLeft }} aria-hidden="true" />}
      {center.map(render)}
      {padRight > 0 && <div className="col-pad" style={{ width: padRight }} aria-hidden="true" />}
    </>
  );
}

export interface RunRowProps {
  row: RunRow;
  col: LaidOutColumn;
  nested: boolean;
  collapsed: boolean;
  selected: boolean;
  ranges: RangeIndex;
  experimentName: string | undefined;
  onToggle: (key: string) => void;
  onCheck: (key: string, shift: boolean) => void;
}

function RunCellView(props: RunRowProps) {
  const { row, col, nested, collapsed, selected, ranges, experimentName } = props;
  const { run } = row;
  const id = run.info.runId;
  const deleted = run.info.lifecycleStage === 'deleted';
  if (col.spec === null)
    return (
      <div
        key={col.id}
        role="gridcell"
        aria-colindex={col.colIndex}
        className={cellClass(col, ' select-cell')}
        style={cellStyle(col)}
      >
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          aria-label={`Select ${run.info.runName || id}`}
          onClick={(event) => {
            event.stopPropagation();
            props.onCheck(row.key, event.shiftKey);
          }}
          onChange={() => undefined}
        />
      </div>
    );
  if (col.id === 'name')
    return (
      <div
        key="name"
        role="gridcell"
        aria-colindex={col.colIndex}
        className={cellClass(col, ' name-cell')}
        style={cellStyle(col)}
      >
        <span className="indent" style={{ width: nested ? row.depth * INDENT : 0 }} />
        {nested && row.childCount > 0 ? (
          <button
            type="button"
            tabIndex={-1}
            className="twisty"
            aria-expanded={!collapsed}
            aria-label={collapsed ? 'Show child runs' : 'Hide child runs'}
            onClick={(event) => {
              event.stopPropagation();
              props.onToggle(row.key);
            }}
          >
            {collapsed ? '\u25b8' : '\u25be'}
          </button>
        ) : nested ? (
          <span className="twisty-space" />
        ) : null}
        <Link
          to="/run/$storeId/$runId"
          params={{ storeId: row.storeId, runId: id }}
          tabIndex={-1}
          className={`run-name${deleted ? ' deleted' : ''}`}
          title={`${run.info.runName || id}\n${id}${row.parentId ? `\nchild of ${row.parentId} (not shown)` : ''}`}
          onClick={(event) => event.stopPropagation()}
        >
          {run.info.runName || <span className="muted">{id.slice(0, 12)}</span>}
        </Link>
        {deleted && <span className="badge badge-deleted">deleted</span>}
        {row.parentId && (
          <span
            className="orphan-mark"
            title={`Child of run ${row.parentId}, which is not shown here`}
          >
            ↰
          </span>
        )}
        {nested && row.childCount > 0 && <span className="child-count">{row.childCount}</span>}
      </div>
    );
  return (
    <div
      key={col.id}
      role="gridcell"
      aria-colindex={col.colIndex}
      className={cellClass(col)}
      style={cellStyle(col)}
    >
      {col.id === 'compliance' ? (
        // governance hook-up (gov): one shared evaluateGovernance query per store feeds every row.
        <StoreComplianceBadge storeId={row.storeId} kind="run" id={id} compact />
      ) : (
        <CellContent run={run} column={col.spec} ranges={ranges} experimentName={experimentName} />
      )}
    </div>
  );
}

/** A group header: the value, how many runs, and the chosen metric's mean / min / max. */
const sameColumn = (a: LaidOutColumn, b: LaidOutColumn): boolean =>
  a.id === b.id &&
  a.width === b.width &&
  a.left === b.left &&
  a.colIndex === b.colIndex &&
  a.spec === b.spec;

/**
 * A cell renders again only when what it shows changed: scrolling sideways lays the columns out anew
 * (new objects, same values), and the cells already on screen keep their output.
 */
export const RunCell = memo(RunCellView, (a, b) =>
  // Every prop by identity (a prop added later is compared too), the column by value.
  (Object.keys(a) as (keyof RunRowProps)[]).every((k) =>
    k === 'col' ? sameColumn(a.col, b.col) : Object.is(a[k], b[k]),
  ),
);

export function GroupCell({
  row,
  label,
  metric,
  collapsed,
  width,
  onToggle,
}: {
  row: GroupRow;
  label: string;
  metric: ColumnSpec | null;
  collapsed: boolean;
  width: number;
  onToggle: (key: string) => void;
}) {
  const agg = row.aggregate;
  return (
    <div
      role="gridcell"
      aria-colindex={1}
      className="cell sticky group-row-cell"
      style={{ left: 0, width, minWidth: width }}
    >
      <button
        type="button"
        tabIndex={-1}
        className="twisty"
        aria-expanded={!collapsed}
        aria-label={collapsed ? 'Show the runs of this group' : 'Hide the runs of this group'}
        onClick={(event) => {
          event.stopPropagation();
          onToggle(row.key);
        }}
      >
        {collapsed ? '\u25b8' : '\u25be'}
      </button>
      <span className="group-label">
        {label} = {row.value === null ? <em>(none)</em> : <strong>{row.value}</strong>}
      </span>
      <span className="group-count">
        {row.count.toLocaleString()} {row.count === 1 ? 'run' : 'runs'}
      </span>
      {metric && (
        <span className="group-agg">
          {agg
            ? `${metric.label}: mean ${formatMetric(agg.mean)} · min ${formatMetric(agg.min)} · max ${formatMetric(agg.max)}`
            : `${metric.label}: no values`}
        </span>
      )}
    </div>
  );
}

export function MissingParentCell({
  row,
  width,
  collapsed,
  onToggle,
}: {
  row: MissingParentRow;
  width: number;
  collapsed: boolean;
  onToggle: (key: string) => void;
}) {
  return (
    <div
      role="gridcell"
      aria-colindex={1}
      className="cell sticky missing-parent-cell"
      style={{ left: 0, width, minWidth: width }}
    >
      <button
        type="button"
        tabIndex={-1}
        className="twisty"
        aria-expanded={!collapsed}
        aria-label={collapsed ? 'Show child runs' : 'Hide child runs'}
        onClick={(event) => {
          event.stopPropagation();
          onToggle(row.key);
        }}
      >
        {collapsed ? '\u25b8' : '\u25be'}
      </button>
      <span className="missing-parent-label" title={row.reason}>
        Unreadable parent run <code>{row.runId}</code>
      </span>
      <span className="missing-parent-reason">{row.reason}</span>
      <span className="child-count">{row.childCount}</span>
    </div>
  );
}

export function SkeletonCells({ width }: { width: number }) {
  return (
    <div className="cell skeleton-cell" style={{ width, minWidth: width }}>
      <Skeleton width={Math.min(220, width * 0.6)} />
    </div>
  );
}
