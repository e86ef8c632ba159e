/** The runs view's controls: the filter, deleted runs, group by, columns, CSV export and compare. */
import type { RefObject } from 'react';
import type { RunKeys } from './columns';
import { ColumnChooser } from './ColumnChooser';
import { FilterBox } from './FilterBox';
import { GroupBy } from './GroupBy';
import type { RunsSearch } from './runsSearch';
import type { ColumnsState } from './useColumnsState';

export function RunsToolbar({
  search,
  update,
  filterRef,
  filterError,
  keys,
  columns,
  selectedCount,
  onExport,
  onCompare,
  onClearSelection,
  canExport,
}: {
  search: RunsSearch;
  update: (patch: Partial<RunsSearch>, replace?: boolean) => void;
  filterRef: RefObject<HTMLInputElement | null>;
  filterError: string | null;
  keys: RunKeys;
  columns: ColumnsState;
  selectedCount: number;
  onExport: () => void;
  onCompare: () => void;
  onClearSelection: () => void;
  canExport: boolean;
}) {
  return (
    <div className="runs-toolbar">
      <FilterBox
        ref={filterRef}
        applied={search.filter ?? ''}
        onApply={(filter) => update({ filter: filter || undefined })}
        error={filterError}
        keys={keys}
      />
      <div className="toolbar-row">
        <label className="toggle">
          <input
            type="checkbox"
            checked={search.deleted === true}
            onChange={(event) => update({ deleted: event.target.checked || undefined })}
          />
          Deleted runs
        </label>
        <div className="view-switch" role="group" aria-label="View">
          {(['table', 'chart'] as const).map((view) => (
            <button
              key={view}
              type="button"
              className="button button-small"
              aria-pressed={(search.view ?? 'table') === view}
              onClick={() => update({ view: view === 'table' ? undefined : view })}
            >
              {view === 'table' ? 'Table' : 'Chart'}
            </button>
          ))}
        </div>
        <span className="toolbar-spacer" />
        {selectedCount > 0 && (
          <span className="selection-info" aria-live="polite">
            {selectedCount} selected
            <button type="button" className="link-button" onClick={onClearSelection}>
              Clear
            </button>
          </span>
        )}
        <button
          type="button"
          className="button button-primary"
          disabled={selectedCount < 1}
          title={selectedCount < 1 ? 'Select runs (click, shift-click) to compare them' : undefined}
          onClick={onCompare}
        >
          Compare{selectedCount > 0 ? ` (${selectedCount})` : ''}
        </button>
        <GroupBy
          keys={keys}
          group={search.group}
          agg={search.agg}
          onChange={(group, agg) => update({ group, agg: group ? agg : undefined })}
        />
        <ColumnChooser
          available={columns.available}
          choice={columns.choice}
          onChange={columns.choose}
          onReset={columns.reset}
        />
        <button type="button" className="button" disabled={!canExport} onClick={onExport}>
          Export CSV
        </button>
      </div>
    </div>
  );
}
