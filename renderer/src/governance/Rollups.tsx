/** Roll-ups: versions → model → store, and runs → experiment, each with its share of compliant entities. */
import { Link } from '@tanstack/react-router';
import type { GovernanceReport } from '../../../shared/common/governance/types';
import { experimentRollups, modelRollups, storeRollup, type Tally } from './dashboardModel';
import { governanceModelLink } from './links';

function Bar({ tally, label }: { tally: Tally; label: string }) {
  const share = tally.total === 0 ? 1 : tally.compliant / tally.total;
  return (
    <span className="gov-bar-row">
      <span
        className="gov-bar"
        role="img"
        aria-label={`${label}: ${tally.compliant} of ${tally.total} compliant`}
      >
        <span className="gov-bar-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span className="gov-bar-text">
        {tally.compliant}/{tally.total}
      </span>
    </span>
  );
}

export function Rollups({
  storeId,
  report,
  experimentName,
  asOf,
  onExperiment,
}: {
  storeId: string;
  report: GovernanceReport;
  experimentName: (id: string) => string | undefined;
  asOf: string | undefined;
  onExperiment: (experimentId: string) => void;
}) {
  const store = storeRollup(report);
  const models = modelRollups(report);
  const experiments = experimentRollups(report);
  return (
    <div className="gov-rollups">
      <section aria-labelledby="gov-roll-models">
        <h2 id="gov-roll-models">Models</h2>
        <p className="gov-rollup-store">
          Store: <Bar tally={store.models} label="models" /> models,{' '}
          <Bar tally={store.runs} label="runs" /> runs compliant —{' '}
          <strong className={report.summary.storeCompliant ? 'gov-ok' : 'gov-bad'}>
            {report.summary.storeCompliant ? 'compliant' : 'not compliant'}
          </strong>
        </p>
        {models.length === 0 ? (
          <p className="pk-muted">No registered model in scope.</p>
        ) : (
          <table className="gov-rollup-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Model rules</th>
                <th scope="col">Versions compliant</th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m.name} data-model={m.name} data-compliant={m.compliant}>
                  <th scope="row">
                    <Link {...governanceModelLink(storeId, m.name, asOf)}>{m.name}</Link>
                  </th>
                  <td>
                    {m.model === undefined ? (
                      <span className="pk-muted">out of scope</span>
                    ) : (
                      <span className={m.model.compliant ? 'gov-ok' : 'gov-bad'}>
                        {m.model.compliant ? 'Compliant' : 'Non-compliant'}
                      </span>
                    )}
                  </td>
                  <td>
                    <Bar tally={m.versions} label={`versions of ${m.name}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="gov-roll-experiments">
        <h2 id="gov-roll-experiments">Experiments</h2>
        {experiments.length === 0 ? (
          <p className="pk-muted">No run in scope.</p>
        ) : (
          <table className="gov-rollup-table">
            <thead>
              <tr>
                <th scope="col">Experiment</th>
                <th scope="col">Runs compliant</th>
              </tr>
            </thead>
            <tbody>
              {experiments.map((x) => (
                <tr key={x.experimentId} data-experiment={x.experimentId}>
                  <th scope="row">
                    <button
                      type="button"
                      className="gov-entity-button"
                      title="Show only this experiment's runs"
                      onClick={() => onExperiment(x.experimentId)}
                    >
                      {experimentName(x.experimentId) ?? x.experimentId}
                    </button>
                  </th>
                  <td>
                    <Bar tally={x} label="runs" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
