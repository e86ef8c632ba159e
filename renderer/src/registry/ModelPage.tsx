/** One registered model (`/models/$storeId/$name`): description, aliases, tags and every live version. */
import { Link } from '@tanstack/react-router';
import { useApiQuery } from '../api/queries';
import { formatDateTime } from '../format/formatTime';
import { modelsLink, modelVersionLink } from '../links';
import { TableHead, RunIdLink } from '../pageKit/TableBits';
import { EmptyNote, ErrorNote, Facts, Skeleton } from '../pageKit/PageStates';
import { SafeMarkdown } from '../pageKit/SafeMarkdown';
import { sortVersions, versionsOfModelFilter } from './registryFacts';
import { Aliases, Tags } from './Tags';
import '../pageKit/pages.css';
import { StoreComplianceBadge } from '../governance/ComplianceBadge';

export function ModelPage({ storeId, name }: { storeId: string; name: string }) {
  const model = useApiQuery('getRegisteredModel', { storeId, name });
  const versions = useApiQuery('searchModelVersions', {
    storeId,
    filter: versionsOfModelFilter(name),
    maxResults: 10_000,
  });
  const error = model.error ?? versions.error;
  const state = error ? 'error' : model.data && versions.data ? 'ready' : 'loading';
  return (
    <section className="pk-page model-page" data-state={state} aria-label="Registered model">
      <nav className="pk-crumbs" aria-label="Breadcrumbs">
        <Link {...modelsLink(storeId)}>Models</Link>
        <span aria-hidden="true">/</span>
      </nav>
      <h1>{name}</h1>
      {error ? (
        <ErrorNote title={`Model “${name}” cannot be shown`} error={error} />
      ) : !model.data || !versions.data ? (
        <Skeleton label="Loading model" lines={8} />
      ) : (
        <>
          <Facts
            items={[
              ['Created', formatDateTime(model.data.creationTimestamp) || null],
              ['Updated', formatDateTime(model.data.lastUpdatedTimestamp) || null],
              [
                'Aliases',
                model.data.aliases.length
                  ? model.data.aliases.map((a) => (
                      <Link
                        key={a.alias}
                        {...modelVersionLink(storeId, name, a.version)}
                        className="pk-tag alias"
                      >
                        @{a.alias} → v{a.version}
                      </Link>
                    ))
                  : null,
              ],
              ['Tags', <Tags key="t" tags={model.data.tags} />],
            ]}
          />
          <h2>Description</h2>
          {model.data.description ? (
            <SafeMarkdown text={model.data.description} />
          ) : (
            <p className="pk-muted">
              No description. Add one in MLflow so others know what this model is for.
            </p>
          )}
          <h2>Versions</h2>
          {sortVersions(versions.data.modelVersions).length === 0 ? (
            <EmptyNote title="This model has no versions.">
              Register a run’s model under this name to create version 1.
            </EmptyNote>
          ) : (
            <table className="pk-table">
              <TableHead
                columns={[
                  'Version',
                  'Governance',
                  'Stage',
                  'Aliases',
                  'Tags',
                  'Source run',
                  'Created',
                  'By',
                  'Description',
                ]}
              />
              <tbody>
                {sortVersions(versions.data.modelVersions).map((v) => (
                  <tr key={v.version}>
                    <th scope="row">
                      <Link {...modelVersionLink(storeId, name, v.version)}>
                        Version {v.version}
                      </Link>
                    </th>
                    <td>
                      {/* governance hook-up (gov): the version's compliance badge */}
                      <StoreComplianceBadge
                        storeId={storeId}
                        kind="model_version"
                        id={`${v.name}/${v.version}`}
                      />
                    </td>
                    <td>{v.currentStage}</td>
                    <td>
                      <Aliases aliases={v.aliases} />
                    </td>
                    <td>
                      <Tags tags={v.tags} />
                    </td>
                    <td>
                      <RunIdLink storeId={storeId} runId={v.runId} />
                    </td>
                    <td>{formatDateTime(v.creationTimestamp)}</td>
                    <td>{v.userId ?? <span className="pk-muted">—</span>}</td>
                    <td>{v.description ?? <span className="pk-muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
