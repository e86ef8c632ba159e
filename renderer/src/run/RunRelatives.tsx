/** A run's child runs (by `mlflow.parentRunId`), found with one searchRuns in its experiment. */
import { Link } from '@tanstack/react-router';
import type { Run } from '../../../shared/common/types';
import { useApiQuery } from '../api/queries';
import { StatusPill } from '../ui/StatusPill';
import { runLink } from '../links';
import { ErrorNote } from '../pageKit/PageStates';
import { childRunsFilter } from './runFacts';

const CHILD_LIMIT = 200;

export function RunRelatives({ storeId, run }: { storeId: string; run: Run }) {
  const children = useApiQuery('searchRuns', {
    storeId,
    experimentIds: [run.info.experimentId],
    filter: childRunsFilter(run.info.runId),
    orderBy: ['attributes.start_time DESC'],
    viewType: 'ALL',
    maxResults: CHILD_LIMIT,
  });
  return (
    <section aria-label="Child runs">
      <h2>
        Child runs{' '}
        {children.data ? <span className="pk-muted">{children.data.runs.length}</span> : null}
      </h2>
      {children.isError ? (
        <ErrorNote title="Could not list the child runs" error={children.error} />
      ) : !children.data ? (
        <p className="pk-muted">Loading…</p>
      ) : children.data.runs.length === 0 ? (
        <p className="pk-muted">No child runs.</p>
      ) : (
        <ul className="run-children">
          {children.data.runs.map((child) => (
            <li key={child.info.runId}>
              <Link {...runLink(storeId, child.info.runId)}>
                {child.info.runName || child.info.runId}
              </Link>{' '}
              <StatusPill status={child.info.status} />
              {child.info.lifecycleStage === 'deleted' ? (
                <span className="pk-tag">deleted</span>
              ) : null}
            </li>
          ))}
          {children.data.nextPageToken ? (
            <li className="pk-muted">
              Only the newest {CHILD_LIMIT} are listed; filter the runs table by{' '}
              <code>{childRunsFilter(run.info.runId)}</code> for all.
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}
