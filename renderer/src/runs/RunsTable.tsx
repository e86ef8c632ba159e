/**
 * The runs table: TanStack Table for the column model (order, pinning, sizing with resize handles)
 * and TanStack Virtual for rows and columns, so 100,000 runs × 500 columns render what is on screen.
 *
 * It is one ARIA grid with a single Tab stop: arrows move the active row (aria-activedescendant),
 * Enter opens the run, Space selects it, ←/→ fold and unfold children; controls inside rows are for
 * the mouse (tabIndex -1). Rows keep `[role="row"][data-run-id]` with the name in `.run-name`.
 */
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ColumnGroup, ColumnSpec, RangeIndex } from './columns';
import type { SortSpec } from './runsSearch';
import { ROW_HEIGHT, SELECT_COLUMN, SELECT_WIDTH, type TableRow } from './tableModel';
import { TableHead } from './TableHead';
import { BodyRunRow, type RowActions } from './BodyRunRow';
import { GroupCell, MissingParentCell, SkeletonCells, type LaidOutColumn } from './TableRows';

const ROW_OVERSCAN = 12;
const NO_ROWS: TableRow[] = [];
const COLUMN_OVERSCAN = 3;
/** Ask for the next page this many rows before the end. */
const LOAD_AHEAD = 60;

export interface RunsTableProps {
  rows: readonly TableRow[];
  columns: readonly ColumnSpec[];
  /** How many of `columns` (from the start) are pinned left. */
  pinnedCount: number;
  widths: Readonly<Record<string, number>>;
  onWidthsChange: (widths: Record<string, number>) => void;
  sort: SortSpec | null;
  onSort: (columnId: string) => void;
  nested: boolean;
  collapsed: ReadonlySet<string>;
  onToggle: (key: string) => void;
  selected: ReadonlySet<string>;
  onCheck: (key: string, rowIndex: number, shift: boolean) => void;
  onCheckAll: (checked: boolean) => void;
  onOpen: (storeId: string, runId: string) => void;
  ranges: RangeIndex;
  experimentName: (storeId: string, experimentId: string) => string | undefined;
  groupLabel: string;
  groupMetric: ColumnSpec | null;
  /** Placeholder rows after the last one while more runs exist. */
  pendingRows: number;
  onNearEnd: () => void;
  onVisibleRows: (from: number, to: number) => void;
  dimmed: boolean;
}

export function RunsTable(props: RunsTableProps) {
  const { rows, columns, pinnedCount, widths, selected, collapsed } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const [sizing, setSizing] = useState<ColumnSizingState>({ ...widths });
  const [active, setActive] = useState(-1);
  // Rows call the table's handlers through one stable object, so a memoized row does not render again
  // because the view passed new closures; it always reaches the latest props.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const actions = useMemo<RowActions>(
    () => ({
      activate: (index) => setActive(index),
      check: (key, index, shift) => latest.current.onCheck(key, index, shift),
      open: (storeId, runId) => latest.current.onOpen(storeId, runId),
      toggle: (key) => latest.current.onToggle(key),
    }),
    [],
  );

  const defs = useMemo<ColumnDef<TableRow>[]>(
    () => [
      { id: SELECT_COLUMN, size: SELECT_WIDTH, enableResizing: false },
      ...columns.map((c): ColumnDef<TableRow> => ({
        id: c.id,
        size: widths[c.id] ?? c.width,
        minSize: 56,
        maxSize: 800,
      })),
    ],
    [columns, widths],
  );
  const pinnedIds = useMemo(
    () => [SELECT_COLUMN, ...columns.slice(0, pinnedCount).map((c) => c.id)],
    [columns, pinnedCount],
  );
  // The column model only (order, pinning, sizes, resizing): rows come from the tree or the groups,
  // so no row model is built for 100,000 runs on each change.
  const table = useReactTable({
    data: NO_ROWS,
    columns: defs,
    getCoreRowModel: getCoreRowModel(),
    state: { columnSizing: sizing, columnPinning: { left: pinnedIds } },
    onColumnSizingChange: setSizing,
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
    manualSorting: true,
  });
  const resizing = table.getState().columnSizingInfo.isResizingColumn;
  // Widths are remembered once a resize ends, not on every pixel of the drag.
  const wasResizing = useRef(false);
  useEffect(() => {
    if (wasResizing.current && !resizing) props.onWidthsChange({ ...sizing });
    wasResizing.current = resizing !== false;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resizing]);

  const specById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const leftColumns = table.getLeftVisibleLeafColumns();
  const centerColumns = table.getCenterVisibleLeafColumns();
  const pinned = useStableColumns(
    leftColumns.map((c, i) => ({
      id: c.id,
      spec: specById.get(c.id) ?? null,
      width: c.getSize(),
      left: c.getStart('left'),
      colIndex: i + 1,
    })),
    specById,
  );
  const pinnedWidth = pinned.reduce((sum, c) => sum + c.width, 0);
  const centerWidths = centerColumns.map((c) => c.getSize());
  const totalWidth = pinnedWidth + centerWidths.reduce((a, b) => a + b, 0);

  const totalRows = rows.length + props.pendingRows;
  const rowVirtualizer = useVirtualizer({
    count: totalRows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: ROW_OVERSCAN,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: centerColumns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => centerWidths[i] ?? 100,
    overscan: COLUMN_OVERSCAN,
    // Center columns start right of the pinned ones.
    paddingStart: pinnedWidth,
    scrollPaddingStart: pinnedWidth,
  });
  const widthsKey = centerWidths.join(',');
  useEffect(() => columnVirtualizer.measure(), [widthsKey, columnVirtualizer]);

  const virtualRows = rowVirtualizer.getVirtualItems();
  const virtualColumns = columnVirtualizer.getVirtualItems();
  const center = useStableColumns(
    virtualColumns.flatMap((v): LaidOutColumn[] => {
      const c = centerColumns[v.index];
      return c
        ? [
            {
              id: c.id,
              spec: specById.get(c.id) ?? null,
              width: c.getSize(),
              colIndex: pinned.length + v.index + 1,
            },
          ]
        : [];
    }),
    specById,
  );
  const firstCol = virtualColumns[0];
  const lastCol = virtualColumns[virtualColumns.length - 1];
  const padLeft = firstCol ? firstCol.start - pinnedWidth : 0;
  const padRight = lastCol ? columnVirtualizer.getTotalSize() - lastCol.end : 0;

  // Tell the view which rows are on screen (min/max ranges) and when the end comes near (next page).
  const firstRow = virtualRows[0]?.index ?? 0;
  const lastRow = virtualRows[virtualRows.length - 1]?.index ?? 0;
  const { onNearEnd, onVisibleRows } = props;
  useEffect(() => {
    onVisibleRows(firstRow, lastRow + 1);
    if (props.pendingRows > 0 && lastRow >= rows.length - LOAD_AHEAD) onNearEnd();
  }, [firstRow, lastRow, rows.length, props.pendingRows, onNearEnd, onVisibleRows]);

  const activeRow = active >= 0 && active < rows.length ? active : -1;
  const activeRendered = virtualRows.some((v) => v.index === activeRow);

  const move = (index: number): void => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    rowVirtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== gridRef.current || rows.length === 0) return;
    const current = rows[activeRow];
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 280) / ROW_HEIGHT) - 1);
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          move(activeRow + 1);
          return true;
        case 'ArrowUp':
          move(activeRow <= 0 ? 0 : activeRow - 1);
          return true;
        case 'PageDown':
          move(activeRow + page);
          return true;
        case 'PageUp':
          move(activeRow - page);
          return true;
        case 'Home':
          move(0);
          return true;
        case 'End':
          move(rows.length - 1);
          return true;
        case 'Enter':
          if (current?.kind === 'run') props.onOpen(current.storeId, current.run.info.runId);
          else if (current) props.onToggle(current.key);
          return current !== undefined;
        case ' ':
          if (current?.kind === 'run') props.onCheck(current.key, activeRow, event.shiftKey);
          return current !== undefined;
        case 'ArrowRight':
        case 'ArrowLeft': {
          if (!current || current.childCount === 0) return false;
          const isCollapsed = collapsed.has(current.key);
          if ((event.key === 'ArrowRight') === isCollapsed) props.onToggle(current.key);
          return true;
        }
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  const runRows = rows.filter((r) => r.kind === 'run');
  const allChecked = runRows.length > 0 && runRows.every((r) => selected.has(r.key));
  const someChecked = !allChecked && runRows.some((r) => selected.has(r.key));

  return (
    <div className={`runs-scroll${props.dimmed ? ' dimmed' : ''}`} ref={scrollRef}>
      <div
        ref={gridRef}
        className="runs-grid"
        role="grid"
        tabIndex={0}
        aria-label="Runs"
        aria-multiselectable="true"
        aria-rowcount={totalRows + 1}
        aria-colcount={pinned.length + centerColumns.length}
        aria-activedescendant={activeRendered ? `run-row-${activeRow}` : undefined}
        style={{ width: totalWidth }}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          if (event.target === gridRef.current && activeRow < 0 && rows.length > 0) move(0);
        }}
      >
        <TableHead
          table={table}
          pinned={pinned}
          center={center}
          padLeft={padLeft}
          padRight={padRight}
          sort={props.sort}
          onSort={props.onSort}
          allChecked={allChecked}
          someChecked={someChecked}
          onCheckAll={props.onCheckAll}
          groupOf={(id) => (specById.get(id)?.group ?? 'run') as ColumnGroup}
        />
        <div
          className="runs-body"
          role="rowgroup"
          style={{ height: rowVirtualizer.getTotalSize() }}
        >
          {virtualRows.map((v) => {
            const row = rows[v.index];
            const style = {
              transform: `translateY(${v.start}px)`,
              height: ROW_HEIGHT,
              width: totalWidth,
            };
            if (!row)
              return (
                <div
                  key={`pending-${v.index}`}
                  className="runs-row body-row pending-row"
                  style={style}
                  aria-hidden="true"
                >
                  <SkeletonCells width={Math.min(totalWidth, 600)} />
                </div>
              );
            const isActive = v.index === activeRow;
            const common = {
              id: `run-row-${v.index}`,
              role: 'row',
              'aria-rowindex': v.index + 2,
              style,
              onClick: () => setActive(v.index),
            };
            if (row.kind === 'group' || row.kind === 'missing-parent')
              return (
                <div
                  key={row.key}
                  {...common}
                  className={`runs-row body-row ${row.kind}-row${isActive ? ' active' : ''}`}
                >
                  {row.kind === 'group' ? (
                    <GroupCell
                      row={row}
                      label={props.groupLabel}
                      metric={props.groupMetric}
                      collapsed={collapsed.has(row.key)}
                      width={Math.max(pinnedWidth, Math.min(totalWidth, 900))}
                      onToggle={props.onToggle}
                    />
                  ) : (
                    <MissingParentCell
                      row={row}
                      collapsed={collapsed.has(row.key)}
                      width={Math.max(pinnedWidth, Math.min(totalWidth, 900))}
                      onToggle={props.onToggle}
                    />
                  )}
                </div>
              );
            return (
              <BodyRunRow
                key={row.key}
                row={row}
                index={v.index}
                start={v.start}
                width={totalWidth}
                pinned={pinned}
                center={center}
                padLeft={padLeft}
                padRight={padRight}
                nested={props.nested}
                collapsed={collapsed.has(row.key)}
                selected={selected.has(row.key)}
                active={isActive}
                ranges={props.ranges}
                experimentName={props.experimentName(row.storeId, row.run.info.experimentId)}
                actions={actions}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

/**
 * The same array as last render while every column's id, width, offset and index are unchanged, so
 * memoized rows skip rendering when the table re-renders for a scroll that moved no column.
 */
function useStableColumns(
  columns: LaidOutColumn[],
  /** Where the columns' specs come from: a new map means new specs. */
  specs: ReadonlyMap<string, ColumnSpec>,
): LaidOutColumn[] {
  const key = columns
    .map((c) => `${c.id}\u0000${c.width}\u0000${c.left ?? ''}\u0000${c.colIndex}`)
    .join('\u0001');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => columns, [key, specs]);
}
