/** The LoggedModels of an experiment (MLflow 3): name, status, metrics at a glance, source run. */
import { Link } from '@tanstack/react-router';
import { useApiQuery } from '../api/queries';
import { formatMetric } from '../format/formatMetric';
import { formatDateTime } from '../format/formatTime';
import { loggedModelLink } from '../links';
import { TableHead, RunIdLink } from '../pageKit/TableBits';
import { EmptyNote, ErrorNote, Skeleton } from '../pageKit/PageStates';
import '../pageKit/pages.css';

export function LoggedModelsList({
  storeId,
  experimentId,
}: {
  storeId: string;
  experimentId: string;
}) {
  const models = useApiQuery('searchLoggedModels', { storeId, experimentIds: [experimentId] });
  const state = models.isError ? 'error' : models.data ? 'ready' : 'loading';
  return (
    <section className="logged-models-list" data-state={state} aria-label="Logged models">
      {models.isError ? (
        <ErrorNote title="Logged models cannot be listed" error={models.error} />
      ) : !models.data ? (
        <Skeleton label="Loading logged models" lines={4} />
      ) : models.data.length === 0 ? (
        <EmptyNote title="No logged models in this experiment.">
          Models logged with MLflow 3 (<code>mlflow.&lt;flavor&gt;.log_model</code>) appear here.
        </EmptyNote>
      ) : (
        <table className="pk-table">
          <TableHead columns={['Model', 'Status', 'Created', 'Metrics', 'Params', 'Source run']} />
          <tbody>
            {models.data.map((m) => (
              <tr key={m.modelId}>
                <th scope="row">
                  <Link {...loggedModelLink(storeId, m.modelId)}>{m.name || m.modelId}</Link>
                </th>
                <td>{m.status}</td>
                <td>{formatDateTime(m.creationTimestamp)}</td>
                <td>
                  {m.metrics.slice(0, 4).map((x, i) => (
                    <span key={`${x.key}:${i}`} className="pk-tag">
                      {x.key}={formatMetric(x.value)}
                    </span>
                  ))}
                  {m.metrics.length > 4 ? (
                    <span className="pk-muted">+{m.metrics.length - 4}</span>
                  ) : null}
                </td>
                <td className="num">{Object.keys(m.params).length}</td>
                <td>
                  <RunIdLink storeId={storeId} runId={m.sourceRunId} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
