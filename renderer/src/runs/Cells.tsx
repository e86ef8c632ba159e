/** The content of one cell of a run row (the name cell, with the tree controls, is in RunsTable). */
import type { Run } from '../../../shared/common/types';
import { formatMetric, formatMetricExact } from '../format/formatMetric';
import { formatDateTime, formatDuration } from '../format/formatTime';
import { StatusPill } from '../ui/StatusPill';
import { SOURCE_TAG, sourceLabel, type ColumnSpec, type RangeIndex } from './columns';
import { ownValue } from '../../../shared/common/records';

/** Newlines would break the fixed row height; show them as a visible mark instead. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' \u21b5 ');
}

function MetricValue({ value, title }: { value: number | null; title: string }) {
  if (value === null) return null;
  const special = !Number.isFinite(value);
  return (
    <span className={special ? 'metric-special' : undefined} title={title}>
      {formatMetric(value)}
    </span>
  );
}

export function CellContent({
  run,
  column,
  ranges,
  experimentName,
}: {
  run: Run;
  column: ColumnSpec;
  ranges: RangeIndex;
  experimentName: string | undefined;
}) {
  const { info, data } = run;
  switch (column.id) {
    case 'status':
      return <StatusPill status={info.status} />;
    case 'start':
      return <span>{formatDateTime(info.startTime)}</span>;
    case 'duration': {
      if (info.startTime === null) return null;
      if (info.endTime === null)
        return (
          <span className="muted" title="No end time: the run has not ended">
            —
          </span>
        );
      return <span>{formatDuration(info.endTime - info.startTime)}</span>;
    }
    case 'user':
      return <span title={info.userId}>{info.userId}</span>;
    case 'source': {
      const full = data.tags[SOURCE_TAG];
      return full ? <span title={full}>{sourceLabel(run)}</span> : null;
    }
    case 'experiment':
      return <span title={experimentName}>{experimentName ?? info.experimentId}</span>;
  }
  const key = column.key;
  if (key === undefined) return null;
  if (column.group === 'params' || column.group === 'tags') {
    const value = ownValue(column.group === 'params' ? data.params : data.tags, key);
    return value === undefined ? null : <span title={value}>{oneLine(value)}</span>;
  }
  if (column.agg === 'latest') {
    const metric = ownValue(data.metrics, key);
    if (metric === undefined) return null;
    return (
      <MetricValue
        value={metric.value}
        title={`${formatMetricExact(metric.value)} (step ${metric.step})`}
      />
    );
  }
  const range = ranges.get(info.runId)?.get(key);
  if (!range) return null;
  const value = column.agg === 'min' ? range.min : range.max;
  if (value === null)
    return (
      <span className="muted" title={`No finite value in ${range.points} points`}>
        —
      </span>
    );
  return (
    <MetricValue
      value={value}
      title={`${column.agg} of ${range.points} points: ${formatMetricExact(value)}`}
    />
  );
}
