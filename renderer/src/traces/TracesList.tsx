/** The traces of an experiment (MLflow 3): name, state, time, duration, request/response previews. */
import { Link } from '@tanstack/react-router';
import { useApiQuery } from '../api/queries';
import { formatDateTime, formatDuration } from '../format/formatTime';
import { traceLink } from '../links';
import { TableHead, RunIdLink } from '../pageKit/TableBits';
import { EmptyNote, ErrorNote, Skeleton } from '../pageKit/PageStates';
import { traceName, traceRunId } from './traceFacts';
import './traces.css';

export function TracesList({ storeId, experimentId }: { storeId: string; experimentId: string }) {
  const traces = useApiQuery('searchTraces', { storeId, experimentIds: [experimentId] });
  const state = traces.isError ? 'error' : traces.data ? 'ready' : 'loading';
  return (
    <section className="traces-list" data-state={state} aria-label="Traces">
      {traces.isError ? (
        <ErrorNote title="Traces cannot be listed" error={traces.error} />
      ) : !traces.data ? (
        <Skeleton label="Loading traces" lines={4} />
      ) : traces.data.length === 0 ? (
        <EmptyNote title="No traces in this experiment.">
          Traces appear here when code decorated with <code>@mlflow.trace</code> runs with this
          experiment active.
        </EmptyNote>
      ) : (
        <table className="pk-table">
          <TableHead
            columns={['Trace', 'State', 'Time', 'Duration', 'Request', 'Response', 'Run']}
          />
          <tbody>
            {[...traces.data]
              .sort((a, b) => b.requestTime - a.requestTime)
              .map((t) => {
                const runId = traceRunId(t);
                return (
                  <tr key={t.traceId}>
                    <th scope="row">
                      <Link {...traceLink(storeId, t.traceId)}>{traceName(t)}</Link>
                    </th>
                    <td className={`trace-state state-${t.state.toLowerCase()}`}>{t.state}</td>
                    <td>{formatDateTime(t.requestTime)}</td>
                    <td className="num">
                      {t.executionDurationMs !== null ? formatDuration(t.executionDurationMs) : '—'}
                    </td>
                    <td className="trace-preview-cell">{t.requestPreview ?? '—'}</td>
                    <td className="trace-preview-cell">{t.responsePreview ?? '—'}</td>
                    <td>
                      <RunIdLink storeId={storeId} runId={runId} />
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      )}
    </section>
  );
}
