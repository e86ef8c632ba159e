/**
 * What a run produced: registered model versions whose source run it is (one searchModelVersions by
 * `run_id`) and the LoggedModels it output (MLflow 3: `outputs.modelOutputs`, plus logged models of its
 * experiment whose source run it is).
 */
import { Link } from '@tanstack/react-router';
import type { Run } from '../../../shared/common/types';
import { useApiQuery } from '../api/queries';
import { formatDateTime } from '../format/formatTime';
import { loggedModelLink, modelVersionLink } from '../links';
import { TableHead } from '../pageKit/TableBits';
import { EmptyNote, ErrorNote } from '../pageKit/PageStates';
import { Aliases } from '../registry/Tags';

export function RunModels({ storeId, run }: { storeId: string; run: Run }) {
  const runId = run.info.runId;
  const versions = useApiQuery('searchModelVersions', {
    storeId,
    filter: `run_id = '${runId}'`,
    maxResults: 200,
  });
  const logged = useApiQuery('searchLoggedModels', {
    storeId,
    experimentIds: [run.info.experimentId],
  });
  const outputIds = new Set(run.outputs.modelOutputs.map((o) => o.modelId));
  const loggedHere = (logged.data ?? []).filter(
    (m) => m.sourceRunId === runId || outputIds.has(m.modelId),
  );
  const knownIds = new Set(loggedHere.map((m) => m.modelId));
  const unlisted = [...outputIds].filter((id) => !knownIds.has(id));
  return (
    <div>
      <h2>Registered model versions</h2>
      {versions.isError ? (
        <ErrorNote title="Could not search the model registry" error={versions.error} />
      ) : !versions.data ? (
        <p className="pk-muted">Loading…</p>
      ) : versions.data.modelVersions.length === 0 ? (
        <EmptyNote title="No registered model version comes from this run.">
          Register one of its models with <code>mlflow.register_model</code> to see it here.
        </EmptyNote>
      ) : (
        <table className="pk-table">
          <TableHead columns={['Model', 'Version', 'Stage', 'Aliases', 'Created']} />
          <tbody>
            {versions.data.modelVersions.map((v) => (
              <tr key={`${v.name}/${v.version}`}>
                <th scope="row">
                  <Link {...modelVersionLink(storeId, v.name, v.version)}>{v.name}</Link>
                </th>
                <td>{v.version}</td>
                <td>{v.currentStage}</td>
                <td>
                  <Aliases aliases={v.aliases} />
                </td>
                <td>{formatDateTime(v.creationTimestamp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Logged models</h2>
      {logged.isError ? (
        <ErrorNote title="Could not list logged models" error={logged.error} />
      ) : !logged.data ? (
        <p className="pk-muted">Loading…</p>
      ) : loggedHere.length === 0 && unlisted.length === 0 ? (
        <EmptyNote title="This run logged no MLflow 3 models.">
          Models logged with MLflow 3 (<code>mlflow.&lt;flavor&gt;.log_model</code>) appear here.
        </EmptyNote>
      ) : (
        <ul>
          {loggedHere.map((m) => (
            <li key={m.modelId}>
              <Link {...loggedModelLink(storeId, m.modelId)}>{m.name || m.modelId}</Link>{' '}
              <code className="pk-id">{m.modelId}</code>{' '}
              <span className="pk-muted">{m.status}</span>
            </li>
          ))}
          {unlisted.map((id) => (
            <li key={id}>
              <Link {...loggedModelLink(storeId, id)}>
                <code>{id}</code>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
