/** The runs table's header: group labels (Metrics, Parameters, Tags), then sortable, resizable headers. */
import type { Table } from '@tanstack/react-table';
import type { ColumnGroup } from './columns';
import type { SortSpec } from './runsSearch';
import type { TableRow } from './tableModel';
import { cellStyle, RowCells, type LaidOutColumn } from './TableRows';

const GROUP_LABELS: Record<ColumnGroup, string> = {
  run: '',
  metrics: 'Metrics',
  params: 'Parameters',
  tags: 'Tags',
};

export function TableHead({
  table,
  pinned,
  center,
  padLeft,
  padRight,
  sort,
  onSort,
  allChecked,
  someChecked,
  onCheckAll,
  groupOf,
}: {
  table: Table<TableRow>;
  pinned: readonly LaidOutColumn[];
  center: readonly LaidOutColumn[];
  padLeft: number;
  padRight: number;
  sort: SortSpec | null;
  onSort: (columnId: string) => void;
  allChecked: boolean;
  someChecked: boolean;
  onCheckAll: (checked: boolean) => void;
  groupOf: (columnId: string) => ColumnGroup;
}) {
  const headers = new Map(table.getFlatHeaders().map((h) => [h.column.id, h]));
  const all = [...pinned, ...center];
  return (
    <div className="runs-head" role="rowgroup">
      <div className="runs-grouprow" aria-hidden="true">
        <RowCells
          pinned={pinned}
          center={center}
          padLeft={padLeft}
          padRight={padRight}
          render={(col) => {
            const group = col.spec ? groupOf(col.id) : 'run';
            const index = all.indexOf(col);
            const previous = all[index - 1];
            const first = !previous || !previous.spec || groupOf(previous.id) !== group;
            return (
              <div
                key={col.id}
                className={`group-cell group-${group}${col.left !== undefined ? ' sticky' : ''}${first ? ' first' : ''}`}
                style={cellStyle(col)}
              >
                {first ? GROUP_LABELS[group] : ''}
              </div>
            );
          }}
        />
      </div>
      <div className="runs-row head-row" role="row" aria-rowindex={1}>
        <RowCells
          pinned={pinned}
          center={center}
          padLeft={padLeft}
          padRight={padRight}
          render={(col) => {
            if (!col.spec)
              return (
                <div
                  key={col.id}
                  role="columnheader"
                  aria-colindex={col.colIndex}
                  className="cell head-cell sticky select-cell"
                  style={cellStyle(col)}
                >
                  <input
                    type="checkbox"
                    aria-label="Select all runs shown"
                    checked={allChecked}
                    ref={(el) => {
                      if (el) el.indeterminate = someChecked;
                    }}
                    onChange={(event) => onCheckAll(event.target.checked)}
                  />
                </div>
              );
            const spec = col.spec;
            const active = sort?.columnId === spec.id;
            const direction = active ? (sort.ascending ? 'ascending' : 'descending') : 'none';
            const header = headers.get(spec.id);
            const resizing = header?.column.getIsResizing();
            return (
              <div
                key={spec.id}
                role="columnheader"
                aria-colindex={col.colIndex}
                aria-sort={direction}
                data-column-id={spec.id}
                className={`cell head-cell align-${spec.align} group-${spec.group}${col.left !== undefined ? ' sticky' : ''}`}
                style={cellStyle(col)}
              >
                <button
                  type="button"
                  onClick={() => onSort(spec.id)}
                  title={`${spec.label}\nSort by ${spec.label}${spec.orderField ? '' : ' (sorted here, after every run is loaded)'}`}
                >
                  <span className="head-label">{spec.label}</span>
                  <span className="sort-mark" aria-hidden="true">
                    {active ? (sort.ascending ? '\u25b2' : '\u25bc') : ''}
                  </span>
                </button>
                {header && (
                  <div
                    className={`resize-handle${resizing ? ' resizing' : ''}`}
                    aria-hidden="true"
                    onMouseDown={header.getResizeHandler()}
                    onTouchStart={header.getResizeHandler()}
                    onDoubleClick={() => header.column.resetSize()}
                  />
                )}
              </div>
            );
          }}
        />
      </div>
    </div>
  );
}
