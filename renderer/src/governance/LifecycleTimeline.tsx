/**
 * A model's lifecycle as Runlens observed it (MLflow keeps no alias/stage history, mlflow#2169): each
 * change with when it was first seen and the window it happened in, and whether the hash chain of the
 * observation log holds (an edited log is detected, not trusted).
 */
import type { ObservedHistory } from '../../../shared/common/governance/types';

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');

export function LifecycleTimeline({ history }: { history: ObservedHistory }) {
  const { chain, events } = history;
  return (
    <div className="gov-lifecycle">
      <p
        className={chain.ok ? 'gov-chain-ok' : 'gov-chain-bad'}
        data-chain={chain.ok ? 'ok' : 'broken'}
      >
        {chain.ok
          ? `Observation log intact: ${chain.entries} hash-chained ${chain.entries === 1 ? 'entry' : 'entries'}.`
          : `Observation log tampered with: the hash chain breaks at entry ${chain.brokenAt ?? '?'}; the timeline below cannot be trusted.`}{' '}
        <span className="pk-muted">
          Kept by Runlens in <code>{history.logPath}</code>, never in the store.
        </span>
      </p>
      {events.length === 0 ? (
        <p className="pk-muted">No change observed yet.</p>
      ) : (
        <ol className="gov-timeline">
          {events.map((e, i) => (
            <li key={i} data-kind={e.kind}>
              <span className="gov-timeline-text">{e.text}</span>
              <span className="gov-timeline-when pk-muted">
                first seen {when(e.observedAt)}
                {e.previousObservedAt !== null && ` (changed after ${when(e.previousObservedAt)})`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
