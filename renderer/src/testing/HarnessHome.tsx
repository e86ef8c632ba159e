/**
 * Home of the screens harness: every store with a link to its models, each experiment's runs (first
 * 50, linked to their run pages), its logged models and traces. A way in to the screens until the app's
 * own sidebar and runs table link to them.
 */
import { Link } from '@tanstack/react-router';
import { useApiQuery } from '../api/queries';
import { modelsLink, runLink } from '../links';
import { LoggedModelsList } from '../loggedModels/LoggedModelsList';
import { TracesList } from '../traces/TracesList';
import '../pageKit/pages.css';

function ExperimentBlock({
  storeId,
  experimentId,
  name,
}: {
  storeId: string;
  experimentId: string;
  name: string;
}) {
  const runs = useApiQuery('searchRuns', {
    storeId,
    experimentIds: [experimentId],
    maxResults: 50,
  });
  return (
    <details className="harness-experiment">
      <summary>{name}</summary>
      <ul>
        {(runs.data?.runs ?? []).map((r) => (
          <li key={r.info.runId}>
            <Link {...runLink(storeId, r.info.runId)}>{r.info.runName || r.info.runId}</Link>
          </li>
        ))}
      </ul>
      <h3>Logged models</h3>
      <LoggedModelsList storeId={storeId} experimentId={experimentId} />
      <h3>Traces</h3>
      <TracesList storeId={storeId} experimentId={experimentId} />
    </details>
  );
}

function StoreBlock({ storeId, name }: { storeId: string; name: string }) {
  const exps = useApiQuery('searchExperiments', { storeId });
  return (
    <section>
      <h2>{name}</h2>
      {(exps.data?.experiments ?? []).map((e) => (
        <ExperimentBlock
          key={e.experimentId}
          storeId={storeId}
          experimentId={e.experimentId}
          name={e.name}
        />
      ))}
    </section>
  );
}

export function HarnessHome() {
  const stores = useApiQuery('listStores', {});
  return (
    <section
      className="pk-page"
      data-state={stores.data ? 'ready' : 'loading'}
      aria-label="Screens harness"
    >
      <h1>Runlens screens (harness)</h1>
      <StoreLinks />
      {(stores.data ?? []).map((s) => (
        <StoreBlock key={s.storeId} storeId={s.storeId} name={s.displayName} />
      ))}
    </section>
  );
}

/** Store picker for the harness home: each store's models page. */
function StoreLinks() {
  const stores = useApiQuery('listStores', {});
  return (
    <ul>
      {(stores.data ?? []).map((s) => (
        <li key={s.storeId}>
          <Link {...modelsLink(s.storeId)}>Models of {s.displayName}</Link>{' '}
          <span className="pk-muted">({s.kind})</span>
        </li>
      ))}
    </ul>
  );
}
