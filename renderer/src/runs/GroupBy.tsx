/** "Group": by a param or tag, with the mean/min/max of a chosen metric in each group's header. */
import { Popover } from '../ui/Popover';
import type { RunKeys } from './columns';

export function GroupBy({
  keys,
  group,
  agg,
  onChange,
}: {
  keys: RunKeys;
  group: string | undefined;
  agg: string | undefined;
  onChange: (group: string | undefined, agg: string | undefined) => void;
}) {
  const label = group ? `Group: ${group.slice(2)}` : 'Group';
  return (
    <Popover label="Group runs" button={label} align="right" className="group-popover">
      {(close) => (
        <div className="group-form">
          <label className="field-label" htmlFor="group-by">
            Group by
          </label>
          <select
            id="group-by"
            className="select"
            value={group ?? ''}
            onChange={(event) => onChange(event.target.value || undefined, agg)}
          >
            <option value="">No grouping</option>
            {keys.params.length > 0 && (
              <optgroup label="Parameters">
                {keys.params.map((k) => (
                  <option key={k} value={`p:${k}`}>
                    {k}
                  </option>
                ))}
              </optgroup>
            )}
            {keys.tags.length > 0 && (
              <optgroup label="Tags">
                {keys.tags.map((k) => (
                  <option key={k} value={`t:${k}`}>
                    {k}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <label className="field-label" htmlFor="group-metric">
            Show per group (mean, min, max)
          </label>
          <select
            id="group-metric"
            className="select"
            value={agg ?? ''}
            disabled={!group}
            onChange={(event) => onChange(group, event.target.value || undefined)}
          >
            <option value="">No metric</option>
            {keys.metrics.map((k) => (
              <optgroup key={k} label={k}>
                <option value={`m:${k}`}>{k} (latest)</option>
                <option value={`mmin:${k}`}>{k} (min)</option>
                <option value={`mmax:${k}`}>{k} (max)</option>
              </optgroup>
            ))}
          </select>
          <div className="form-actions">
            <button type="button" className="button button-small" onClick={close}>
              Done
            </button>
          </div>
        </div>
      )}
    </Popover>
  );
}
