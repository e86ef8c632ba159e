/** One MLflow 3 LoggedModel (`/logged-models/$storeId/$modelId`): facts, params, metrics, source run. */
import { Link } from '@tanstack/react-router';
import { useApiQuery } from '../api/queries';
import { formatMetric, formatMetricExact } from '../format/formatMetric';
import { formatDateTime } from '../format/formatTime';
import { runLink } from '../links';
import { TableHead, RunIdLink } from '../pageKit/TableBits';
import { EmptyNote, ErrorNote, Facts, Skeleton } from '../pageKit/PageStates';
import { KeyValueTable } from '../run/KeyValueTable';
import { Tags } from '../registry/Tags';
import '../pageKit/pages.css';

export function LoggedModelPage({ storeId, modelId }: { storeId: string; modelId: string }) {
  const model = useApiQuery('getLoggedModel', { storeId, modelId });
  const state = model.isError ? 'error' : model.data ? 'ready' : 'loading';
  const m = model.data;
  return (
    <section className="pk-page logged-model-page" data-state={state} aria-label="Logged model">
      <h1>
        {m?.name || 'Logged model'} <code className="pk-id">{modelId}</code>
      </h1>
      {model.isError ? (
        <ErrorNote title="This logged model cannot be shown" error={model.error} />
      ) : !m ? (
        <Skeleton label="Loading logged model" lines={8} />
      ) : (
        <>
          <Facts
            items={[
              ['Status', m.statusMessage ? `${m.status} (${m.statusMessage})` : m.status],
              ['Type', m.modelType],
              ['Created', formatDateTime(m.creationTimestamp) || null],
              ['Updated', formatDateTime(m.lastUpdatedTimestamp) || null],
              [
                'Source run',
                m.sourceRunId ? <RunIdLink storeId={storeId} runId={m.sourceRunId} full /> : null,
              ],
              ['Artifact location', <code key="a">{m.artifactUri}</code>],
              ['Tags', <Tags key="t" tags={m.tags} />],
            ]}
          />
          <h2>Metrics</h2>
          {m.metrics.length === 0 ? (
            <EmptyNote title="No metrics are linked to this model.">
              Metrics logged with <code>model_id=</code> (or while the model is active) appear here.
            </EmptyNote>
          ) : (
            <table className="pk-table">
              <TableHead columns={['Metric', 'Value', 'Step', 'Dataset', 'Run']} />
              <tbody>
                {m.metrics.map((x, i) => (
                  <tr key={`${x.key}:${x.step}:${x.datasetDigest ?? ''}:${i}`}>
                    <th scope="row">{x.key}</th>
                    <td className="num" title={formatMetricExact(x.value)}>
                      {formatMetric(x.value)}
                    </td>
                    <td className="num">{x.step}</td>
                    <td>{x.datasetName ?? <span className="pk-muted">—</span>}</td>
                    <td>
                      {x.runId ? (
                        <Link {...runLink(storeId, x.runId)}>
                          <code>{x.runId.slice(0, 12)}</code>
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Params</h2>
          <KeyValueTable
            entries={Object.entries(m.params).sort((a, b) => a[0].localeCompare(b[0]))}
            noun="params"
            emptyHint="Params logged with the model appear here."
            searchable
          />
        </>
      )}
    </section>
  );
}
