import type { Run } from '../../../shared/common/types';
import { formatMetric, formatMetricExact } from '../format/formatMetric';
import { formatDateTime } from '../format/formatTime';
import { StatusPill } from './StatusPill';

function KeyValues({ title, entries }: { title: string; entries: [string, string, string?][] }) {
  return (
    <section className="details-section">
      <h3>
        {title} <span className="count">{entries.length}</span>
      </h3>
      {entries.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <dl className="kv">
          {entries.map(([key, value, tooltip]) => (
            <div key={key} className="kv-row">
              <dt title={key}>{key}</dt>
              <dd title={tooltip ?? value}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

const byKey = (a: [string, unknown], b: [string, unknown]) => a[0].localeCompare(b[0]);

/** Everything a searchRuns answer already holds about one run: no extra call. */
export function RunDetails({ run, onClose }: { run: Run; onClose: () => void }) {
  const { info, data } = run;
  const metrics = Object.entries(data.metrics)
    .sort(byKey)
    .map(([key, m]): [string, string, string] => [
      key,
      formatMetric(m.value),
      `${formatMetricExact(m.value)} at step ${m.step}`,
    ]);
  return (
    <aside className="details" aria-label="Run details">
      <header className="details-head">
        <div className="details-title">
          <h2 title={info.runName}>{info.runName || info.runId}</h2>
          <button
            type="button"
            className="icon-button"
            aria-label="Close run details"
            onClick={onClose}
          >
            ×
          </button>
        </div>
        <div className="details-meta">
          <StatusPill status={info.status} />
          <span>{formatDateTime(info.startTime)}</span>
        </div>
        <code className="run-id">{info.runId}</code>
      </header>
      <div className="details-body">
        <KeyValues title="Metrics" entries={metrics} />
        <KeyValues title="Parameters" entries={Object.entries(data.params).sort(byKey)} />
        <KeyValues title="Tags" entries={Object.entries(data.tags).sort(byKey)} />
      </div>
    </aside>
  );
}
