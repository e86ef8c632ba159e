/**
 * A run's metrics: latest value and step from the run, min/max/points from a one-bucket series per
 * metric (cached per key). Each name links to the metrics tab with `metric` set, where its chart opens.
 */
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { Metric } from '../../../shared/common/types';
import { useApiQuery } from '../api/queries';
import { formatMetric, formatMetricExact } from '../format/formatMetric';
import { formatDateTime } from '../format/formatTime';
import { metricLink } from '../links';
import { TableHead } from '../pageKit/TableBits';
import { EmptyNote } from '../pageKit/PageStates';
import { summarizeSeries } from './metricSummary';

/** Rows beyond this get no min/max query (a run with thousands of metrics should not fire thousands). */
const SUMMARY_LIMIT = 200;

function Value({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span className="pk-muted">—</span>;
  return <span title={formatMetricExact(value)}>{formatMetric(value)}</span>;
}

function MetricRow(props: {
  storeId: string;
  runId: string;
  metric: Metric;
  summarize: boolean;
  selected: boolean;
}) {
  const { storeId, runId, metric } = props;
  const series = useApiQuery(
    'getMetricSeries',
    props.summarize ? { storeId, runId, key: metric.key, buckets: 1 } : null,
  );
  const summary = series.data ? summarizeSeries(series.data) : null;
  return (
    <tr aria-selected={props.selected} className={props.selected ? 'selected' : undefined}>
      <th scope="row">
        <Link {...metricLink(storeId, runId, metric.key)}>{metric.key}</Link>
      </th>
      <td className="num">
        <Value value={metric.value} />
      </td>
      <td className="num">{metric.step}</td>
      <td className="num">{summary ? <Value value={summary.min} /> : <span>…</span>}</td>
      <td className="num">{summary ? <Value value={summary.max} /> : <span>…</span>}</td>
      <td className="num">
        {summary
          ? `${summary.points.toLocaleString()}${summary.nonFinite ? ` (${summary.nonFinite} non-finite)` : ''}`
          : '…'}
      </td>
      <td>{formatDateTime(metric.timestamp)}</td>
    </tr>
  );
}

export function RunMetrics(props: {
  storeId: string;
  runId: string;
  metrics: Record<string, Metric>;
  metric?: string;
}) {
  const [query, setQuery] = useState('');
  const all = Object.values(props.metrics).sort((a, b) => a.key.localeCompare(b.key));
  if (all.length === 0) {
    return (
      <EmptyNote title="This run logged no metrics.">
        Metrics appear here once the run calls <code>mlflow.log_metric</code>.
      </EmptyNote>
    );
  }
  const q = query.trim().toLowerCase();
  const shown = q ? all.filter((m) => m.key.toLowerCase().includes(q)) : all;
  return (
    <div>
      <input
        className="pk-search"
        type="search"
        aria-label="Search metrics"
        placeholder={`Search ${all.length} metrics`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <table className="pk-table">
        <TableHead columns={['Metric', 'Latest', 'Step', 'Min', 'Max', 'Points', 'Logged']} />
        <tbody>
          {shown.map((m, i) => (
            <MetricRow
              key={m.key}
              storeId={props.storeId}
              runId={props.runId}
              metric={m}
              summarize={i < SUMMARY_LIMIT}
              selected={m.key === props.metric}
            />
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="pk-muted">No metric matches “{query}”.</p> : null}
    </div>
  );
}
