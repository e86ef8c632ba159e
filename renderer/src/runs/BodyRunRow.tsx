/**
 * One run row of the table body, memoized: while the table scrolls, TanStack Virtual re-renders the
 * table on every frame, and only rows whose content, place or state changed should render again (a
 * row scrolled into view, a selection, the columns scrolled sideways). Everything it takes is either a
 * primitive, an array kept stable by the table (columns laid out), or the table's stable `actions`.
 */
import { memo, useCallback } from 'react';
import type { RangeIndex } from './columns';
import type { RunRow } from './runTree';
import { ROW_HEIGHT } from './tableModel';
import { RowCells, RunCell, type LaidOutColumn } from './TableRows';

/** What a row can ask of the table; one object for the table's lifetime. */
export interface RowActions {
  activate(index: number): void;
  check(key: string, index: number, shift: boolean): void;
  open(storeId: string, runId: string): void;
  toggle(key: string): void;
}

export interface BodyRunRowProps {
  row: RunRow;
  index: number;
  /** Offset from the top of the body, px. */
  start: number;
  width: number;
  pinned: readonly LaidOutColumn[];
  center: readonly LaidOutColumn[];
  padLeft: number;
  padRight: number;
  nested: boolean;
  collapsed: boolean;
  selected: boolean;
  active: boolean;
  ranges: RangeIndex;
  experimentName: string | undefined;
  actions: RowActions;
}

export const BodyRunRow = memo(function BodyRunRow(props: BodyRunRowProps) {
  const { row, index, actions, selected, active } = props;
  const onCheck = useCallback(
    (key: string, shift: boolean) => actions.check(key, index, shift),
    [actions, index],
  );
  const classes = ['runs-row', 'body-row'];
  if (index % 2) classes.push('odd');
  if (selected) classes.push('selected');
  if (active) classes.push('active');
  if (row.run.info.lifecycleStage === 'deleted') classes.push('deleted');
  return (
    <div
      id={`run-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      // No aria-expanded/aria-level here: ARIA allows them on rows of a treegrid only, and this is a
      // grid; each row's expand button carries aria-expanded instead.
      aria-selected={selected}
      data-run-id={row.run.info.runId}
      data-store-id={row.storeId}
      className={classes.join(' ')}
      style={{ transform: `translateY(${props.start}px)`, height: ROW_HEIGHT, width: props.width }}
      onClick={(event) => {
        actions.activate(index);
        actions.check(row.key, index, event.shiftKey);
      }}
      onDoubleClick={() => actions.open(row.storeId, row.run.info.runId)}
    >
      <RowCells
        pinned={props.pinned}
        center={props.center}
        padLeft={props.padLeft}
        padRight={props.padRight}
        render={(col) => (
          <RunCell
            key={col.id}
            row={row}
            col={col}
            nested={props.nested}
            collapsed={props.collapsed}
            selected={selected}
            ranges={props.ranges}
            experimentName={props.experimentName}
            onToggle={actions.toggle}
            onCheck={onCheck}
          />
        )}
      />
    </div>
  );
});
