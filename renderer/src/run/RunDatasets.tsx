/** A run's dataset inputs: name, digest, source (MLflow's JSON, shown compactly) and context. */
import type { DatasetInput } from '../../../shared/common/types';
import { TableHead } from '../pageKit/TableBits';
import { EmptyNote } from '../pageKit/PageStates';
import { datasetContext } from './runFacts';

/** The most telling field of a dataset source JSON (`uri`, `path`, `url`, `table_name`), else the JSON. */
export function describeSource(source: string): string {
  try {
    const parsed: unknown = JSON.parse(source);
    if (parsed && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>;
      for (const key of ['uri', 'path', 'url', 'table_name', 'dataset_name']) {
        if (typeof o[key] === 'string' && o[key]) return o[key];
      }
    }
  } catch {
    // Not JSON: show it as stored.
  }
  return source;
}

export function RunDatasets({ inputs }: { inputs: DatasetInput[] }) {
  if (inputs.length === 0) {
    return (
      <EmptyNote title="No datasets logged for this run.">
        Datasets appear here when the run calls <code>mlflow.log_input</code>.
      </EmptyNote>
    );
  }
  return (
    <table className="pk-table">
      <TableHead columns={['Name', 'Context', 'Digest', 'Source', 'Input tags']} />
      <tbody>
        {inputs.map((input, i) => (
          <tr key={`${input.dataset.name}:${input.dataset.digest}:${i}`}>
            <th scope="row">{input.dataset.name}</th>
            <td>{datasetContext(input.tags) ?? <span className="pk-muted">—</span>}</td>
            <td>
              <code>{input.dataset.digest}</code>
            </td>
            <td title={input.dataset.source}>
              <span className="pk-muted">{input.dataset.sourceType}</span>{' '}
              {describeSource(input.dataset.source)}
            </td>
            <td>
              {Object.entries(input.tags)
                .filter(([k]) => k !== 'mlflow.data.context')
                .map(([k, v]) => (
                  <span key={k} className="pk-tag">
                    {k}={v}
                  </span>
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
