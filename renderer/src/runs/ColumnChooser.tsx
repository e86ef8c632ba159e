/**
 * "Columns": search every column the runs have (attributes, metrics as latest/min/max, params, tags),
 * show or hide each, pin it left, move it up or down. Changes apply at once and are remembered for
 * this set of experiments (columnPrefs.ts).
 */
import { useState } from 'react';
import { Popover } from '../ui/Popover';
import { columnSpec, type ColumnGroup } from './columns';
import { moveColumn } from './columnPrefs';

const GROUP_NAMES: Record<ColumnGroup, string> = {
  run: 'run',
  metrics: 'metric',
  params: 'param',
  tags: 'tag',
};
const MAX_HIDDEN_LISTED = 300;

export interface ColumnChoice {
  visible: string[];
  pinned: string[];
}

function ChooserBody({
  available,
  choice,
  onChange,
  onReset,
}: {
  available: readonly string[];
  choice: ColumnChoice;
  onChange: (choice: ColumnChoice) => void;
  onReset: () => void;
}) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const matches = (id: string) => {
    const spec = columnSpec(id);
    return (
      !!spec &&
      (needle === '' || `${spec.label} ${GROUP_NAMES[spec.group]}`.toLowerCase().includes(needle))
    );
  };
  const visible = choice.visible.filter(matches);
  const hiddenAll = available.filter((id) => !choice.visible.includes(id) && matches(id));
  const hidden = hiddenAll.slice(0, MAX_HIDDEN_LISTED);

  const set = (id: string, show: boolean): void =>
    onChange({
      visible: show ? [...choice.visible, id] : choice.visible.filter((v) => v !== id),
      pinned: show ? choice.pinned : choice.pinned.filter((p) => p !== id),
    });
  const pin = (id: string): void =>
    onChange({
      ...choice,
      pinned: choice.pinned.includes(id)
        ? choice.pinned.filter((p) => p !== id)
        : [...choice.pinned, id],
    });

  const item = (id: string, shown: boolean) => {
    const spec = columnSpec(id);
    if (!spec) return null;
    const pinned = choice.pinned.includes(id);
    const locked = id === 'name';
    return (
      <li key={id} className="chooser-item" data-column-id={id}>
        <label className="chooser-label">
          <input
            type="checkbox"
            checked={shown}
            disabled={locked}
            onChange={(event) => set(id, event.target.checked)}
          />
          <span className="chooser-name" title={spec.label}>
            {spec.label}
          </span>
          <span className="chooser-kind">{GROUP_NAMES[spec.group]}</span>
        </label>
        {shown && (
          <span className="chooser-actions">
            <button
              type="button"
              className={`icon-button${pinned ? ' on' : ''}`}
              aria-pressed={pinned}
              aria-label={`Pin ${spec.label} left`}
              title={pinned ? 'Unpin' : 'Pin left'}
              onClick={() => pin(id)}
            >
              ⇤
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move ${spec.label} up`}
              onClick={() => onChange({ ...choice, visible: moveColumn(choice.visible, id, -1) })}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move ${spec.label} down`}
              onClick={() => onChange({ ...choice, visible: moveColumn(choice.visible, id, 1) })}
            >
              ↓
            </button>
          </span>
        )}
      </li>
    );
  };

  return (
    <div className="chooser">
      <input
        type="search"
        className="text-input"
        aria-label="Search columns"
        placeholder={`Search ${available.length} columns`}
        autoFocus
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <div className="chooser-lists">
        <h3>Shown ({choice.visible.length})</h3>
        <ul aria-label="Shown columns">{visible.map((id) => item(id, true))}</ul>
        <h3>Hidden ({hiddenAll.length})</h3>
        <ul aria-label="Hidden columns">{hidden.map((id) => item(id, false))}</ul>
        {hiddenAll.length > hidden.length && (
          <p className="muted small">
            {hiddenAll.length - hidden.length} more: search to narrow the list.
          </p>
        )}
      </div>
      <div className="chooser-foot">
        <button type="button" className="button button-small" onClick={onReset}>
          Reset to defaults
        </button>
      </div>
    </div>
  );
}

export function ColumnChooser(props: {
  available: readonly string[];
  choice: ColumnChoice;
  onChange: (choice: ColumnChoice) => void;
  onReset: () => void;
}) {
  return (
    <Popover
      label="Choose columns"
      button={`Columns (${props.choice.visible.length})`}
      align="right"
      className="chooser-popover"
    >
      {() => <ChooserBody {...props} />}
    </Popover>
  );
}
