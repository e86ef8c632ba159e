/** One model version (`/models/$storeId/$name/$version`). A soft-deleted version is "not found", never live. */
import { Link } from '@tanstack/react-router';
import { useApiQuery } from '../api/queries';
import { ApiError } from '../api/ApiError';
import { formatDateTime } from '../format/formatTime';
import { loggedModelLink, modelLink, modelsLink } from '../links';
import { RunIdLink } from '../pageKit/TableBits';
import { ErrorNote, Facts, Skeleton } from '../pageKit/PageStates';
import { SafeMarkdown } from '../pageKit/SafeMarkdown';
import { isLiveVersion } from './registryFacts';
import { Aliases, Tags } from './Tags';
import '../pageKit/pages.css';

export function ModelVersionPage(props: { storeId: string; name: string; version: string }) {
  const { storeId, name, version } = props;
  const mv = useApiQuery('getModelVersion', { storeId, name, version });
  const deleted = mv.data && !isLiveVersion(mv.data);
  const error =
    mv.error ??
    (deleted ? new ApiError('NOT_FOUND', `Version ${version} of “${name}” was deleted.`) : null);
  const state = error ? 'error' : mv.data ? 'ready' : 'loading';
  const v = mv.data;
  return (
    <section className="pk-page model-version-page" data-state={state} aria-label="Model version">
      <nav className="pk-crumbs" aria-label="Breadcrumbs">
        <Link {...modelsLink(storeId)}>Models</Link>
        <span aria-hidden="true">/</span>
        <Link {...modelLink(storeId, name)}>{name}</Link>
        <span aria-hidden="true">/</span>
      </nav>
      <h1>
        {name} · version {version}
      </h1>
      {error ? (
        <ErrorNote title="This model version cannot be shown" error={error} />
      ) : !v ? (
        <Skeleton label="Loading model version" lines={8} />
      ) : (
        <>
          <Facts
            items={[
              ['Stage', v.currentStage],
              ['Status', v.statusMessage ? `${v.status} (${v.statusMessage})` : v.status],
              ['Aliases', v.aliases.length ? <Aliases key="a" aliases={v.aliases} /> : null],
              ['Created', formatDateTime(v.creationTimestamp) || null],
              ['Updated', formatDateTime(v.lastUpdatedTimestamp) || null],
              ['Created by', v.userId],
              ['Source run', v.runId ? <RunIdLink storeId={storeId} runId={v.runId} full /> : null],
              [
                'Logged model',
                v.modelId ? (
                  <Link {...loggedModelLink(storeId, v.modelId)}>
                    <code>{v.modelId}</code>
                  </Link>
                ) : null,
              ],
              ['Source', <code key="s">{v.source}</code>],
              ['Tags', <Tags key="t" tags={v.tags} />],
            ]}
          />
          <h2>Description</h2>
          {v.description ? (
            <SafeMarkdown text={v.description} />
          ) : (
            <p className="pk-muted">No description for this version.</p>
          )}
        </>
      )}
    </section>
  );
}
