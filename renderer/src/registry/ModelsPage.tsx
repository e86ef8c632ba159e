/** The registered models of a store (`/models/$storeId`): search by name, latest versions, aliases, tags. */
import { Link } from '@tanstack/react-router';
import { useDeferredValue, useState } from 'react';
import { useApiQuery } from '../api/queries';
import { formatDateTime } from '../format/formatTime';
import { modelLink, modelVersionLink } from '../links';
import { TableHead } from '../pageKit/TableBits';
import { EmptyNote, ErrorNote, Skeleton } from '../pageKit/PageStates';
import { isLiveVersion, modelNameFilter } from './registryFacts';
import { Tags } from './Tags';
import '../pageKit/pages.css';
import { StoreComplianceBadge } from '../governance/ComplianceBadge';

const PAGE = 500;

export function ModelsPage({ storeId }: { storeId: string }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const models = useApiQuery(
    'searchRegisteredModels',
    { storeId, filter: modelNameFilter(deferred), orderBy: ['name ASC'], maxResults: PAGE },
    { placeholderData: (previous) => previous },
  );
  const state = models.isError ? 'error' : models.data ? 'ready' : 'loading';
  return (
    <section className="pk-page models-page" data-state={state} aria-label="Registered models">
      <h1>Registered models</h1>
      <input
        className="pk-search"
        type="search"
        aria-label="Search models by name"
        placeholder="Search models by name"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {models.isError ? (
        <ErrorNote title="The model registry cannot be read" error={models.error} />
      ) : !models.data ? (
        <Skeleton label="Loading models" lines={6} />
      ) : models.data.registeredModels.length === 0 ? (
        deferred.trim() ? (
          <EmptyNote title={`No model name contains “${deferred.trim()}”.`}>
            Try a shorter search.
          </EmptyNote>
        ) : (
          <EmptyNote title="No registered models in this store.">
            Register a model with <code>mlflow.register_model</code> (or MLflow’s UI) to see it
            here.
          </EmptyNote>
        )
      ) : (
        <table className="pk-table">
          <TableHead
            columns={[
              'Name',
              'Governance',
              'Latest versions',
              'Aliases',
              'Tags',
              'Description',
              'Updated',
            ]}
          />
          <tbody>
            {models.data.registeredModels.map((m) => (
              <tr key={m.name}>
                <th scope="row">
                  <Link {...modelLink(storeId, m.name)}>{m.name}</Link>
                </th>
                <td>
                  {/* governance hook-up (gov): the model's compliance badge */}
                  <StoreComplianceBadge storeId={storeId} kind="registered_model" id={m.name} />
                </td>
                <td>
                  {m.latestVersions.filter(isLiveVersion).map((v) => (
                    <Link
                      key={v.version}
                      {...modelVersionLink(storeId, m.name, v.version)}
                      className="pk-tag"
                    >
                      v{v.version}
                      {v.currentStage !== 'None' ? ` · ${v.currentStage}` : ''}
                    </Link>
                  ))}
                </td>
                <td>
                  {m.aliases.map((a) => (
                    <span key={a.alias} className="pk-tag alias">
                      @{a.alias} → v{a.version}
                    </span>
                  ))}
                </td>
                <td>
                  <Tags tags={m.tags} />
                </td>
                <td className="models-desc" title={m.description ?? undefined}>
                  {m.description ?? <span className="pk-muted">—</span>}
                </td>
                <td>{formatDateTime(m.lastUpdatedTimestamp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {models.data?.nextPageToken ? (
        <p className="pk-muted">First {PAGE} models shown; search by name to find others.</p>
      ) : null}
    </section>
  );
}
