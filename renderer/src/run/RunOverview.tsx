/** The run page's overview: who/when/where, the description, parent and children at a glance. */
import type { Run } from '../../../shared/common/types';
import { StatusPill } from '../ui/StatusPill';
import { formatDateTime, formatDuration } from '../format/formatTime';
import { CopyButton } from '../pageKit/CopyButton';
import { Facts } from '../pageKit/PageStates';
import { RunIdLink } from '../pageKit/TableBits';
import { SafeMarkdown } from '../pageKit/SafeMarkdown';
import { RunRelatives } from './RunRelatives';
import { parentRunId, runDescription, runSource } from './runFacts';

export function RunOverview({ storeId, run }: { storeId: string; run: Run }) {
  const { info } = run;
  const source = runSource(run.data.tags);
  const parent = parentRunId(run);
  const description = runDescription(run);
  const duration =
    info.startTime !== null && info.endTime !== null
      ? formatDuration(info.endTime - info.startTime)
      : info.status === 'RUNNING'
        ? 'still running'
        : null;
  return (
    <div className="run-overview">
      <Facts
        items={[
          ['Status', <StatusPill key="s" status={info.status} />],
          ['Start', formatDateTime(info.startTime) || null],
          ['End', formatDateTime(info.endTime) || null],
          ['Duration', duration],
          ['User', info.userId || null],
          [
            'Source',
            source.name ? (
              <span title={source.type ?? undefined}>
                {source.name}
                {source.type ? <span className="pk-muted"> ({source.type})</span> : null}
              </span>
            ) : null,
          ],
          ['Entry point', source.entryPoint],
          [
            'Git commit',
            source.gitCommit ? (
              source.commitUrl ? (
                <a href={source.commitUrl} target="_blank" rel="noopener noreferrer">
                  <code>{source.gitCommit.slice(0, 12)}</code>
                </a>
              ) : (
                <code title={source.gitCommit}>{source.gitCommit.slice(0, 12)}</code>
              )
            ) : null,
          ],
          ['Branch', source.gitBranch],
          [
            'Run ID',
            <span key="id" className="run-id-line">
              <code className="pk-id" title={info.runId}>
                {info.runId}
              </code>
              <CopyButton value={info.runId} label="Copy run ID" />
            </span>,
          ],
          ['Parent run', parent ? <RunIdLink storeId={storeId} runId={parent} full /> : null],
          ['Lifecycle', info.lifecycleStage === 'deleted' ? 'deleted' : 'active'],
        ]}
      />
      <h2>Description</h2>
      {description ? (
        <SafeMarkdown text={description} className="run-description" />
      ) : (
        <p className="pk-muted">
          No description. Set one with{' '}
          <code>mlflow.set_tag(&quot;mlflow.note.content&quot;, …)</code> or in MLflow’s UI.
        </p>
      )}
      <RunRelatives storeId={storeId} run={run} />
    </div>
  );
}
