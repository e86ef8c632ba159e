import type { Run } from '../../../shared/common/types';
import { formatMetric, formatMetricExact } from '../format/formatMetric';
import { formatDateTime, formatDuration } from '../format/formatTime';
import type { Column } from '../runs/columns';
import { StatusPill } from './StatusPill';

/** Newlines would break the fixed row height; show them as a visible mark instead. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' \u21b5 ');
}

/** The content of one non-name cell (the name cell carries the tree controls; see RunsTable). */
export function CellContent({ run, column }: { run: Run; column: Column }) {
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
  }
  if (column.group === 'metrics' && column.key !== undefined) {
    const metric = data.metrics[column.key];
    if (metric === undefined) return null;
    const special = !Number.isFinite(metric.value);
    return (
      <span
        className={special ? 'metric-special' : undefined}
        title={`${formatMetricExact(metric.value)} (step ${metric.step})`}
      >
        {formatMetric(metric.value)}
      </span>
    );
  }
  if (column.group === 'params' && column.key !== undefined) {
    const value = data.params[column.key];
    return value === undefined ? null : <span title={value}>{oneLine(value)}</span>;
  }
  return null;
}
