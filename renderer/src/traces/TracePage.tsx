/**
 * One trace (`/traces/$storeId/$traceId`): its info (found in the store's trace list, cached) and its
 * spans as an indented tree with a timing bar per span. Linked to the run it was logged in, when known.
 */
import { useMemo, useState } from 'react';
import { useApiQuery } from '../api/queries';
import { formatDateTime, formatDuration } from '../format/formatTime';
import { RunIdLink } from '../pageKit/TableBits';
import { EmptyNote, ErrorNote, Facts, Skeleton } from '../pageKit/PageStates';
import { buildSpanTree, flattenSpans, type SpanNode } from './spanTree';
import { traceName, traceRunId } from './traceFacts';
import './traces.css';

function SpanRow({
  span,
  total,
  open,
  onToggle,
}: {
  span: SpanNode;
  total: number;
  open: boolean;
  onToggle: () => void;
}) {
  const left = total > 0 ? (span.startMs / total) * 100 : 0;
  const width =
    total > 0 && span.durationMs !== null ? Math.max(0.5, (span.durationMs / total) * 100) : 0;
  return (
    <li className="span-row" data-status={span.status ?? undefined}>
      <button type="button" className="span-head" aria-expanded={open} onClick={onToggle}>
        <span className="span-name" style={{ paddingLeft: span.depth * 16 }}>
          {span.name}
          {span.type ? <span className="pk-tag">{span.type}</span> : null}
          {span.status && span.status !== 'OK' && span.status !== 'UNSET' ? (
            <span className="pk-tag span-bad">{span.status}</span>
          ) : null}
        </span>
        <span className="span-bar" aria-hidden="true">
          <span style={{ left: `${left}%`, width: `${width}%` }} />
        </span>
        <span className="span-time">
          {span.durationMs !== null ? formatDuration(span.durationMs) : '—'}
        </span>
      </button>
      {open ? (
        <dl className="span-io">
          <dt>Inputs</dt>
          <dd>
            <pre>{span.inputs ?? '—'}</pre>
          </dd>
          <dt>Outputs</dt>
          <dd>
            <pre>{span.outputs ?? '—'}</pre>
          </dd>
        </dl>
      ) : null}
    </li>
  );
}

function Spans({ data }: { data: unknown }) {
  const spans = useMemo(() => flattenSpans(buildSpanTree(data)), [data]);
  const [open, setOpen] = useState<string | null>(null);
  if (spans.length === 0) {
    return (
      <EmptyNote title="This trace has no span data.">
        The trace was recorded without spans, or they could not be read.
      </EmptyNote>
    );
  }
  const total = Math.max(...spans.map((s) => s.startMs + (s.durationMs ?? 0)));
  return (
    <ul className="span-tree" aria-label="Spans">
      {spans.map((s) => (
        <SpanRow
          key={s.id}
          span={s}
          total={total}
          open={open === s.id}
          onToggle={() => setOpen(open === s.id ? null : s.id)}
        />
      ))}
    </ul>
  );
}

export function TracePage({ storeId, traceId }: { storeId: string; traceId: string }) {
  const infoQuery = useApiQuery('getTraceInfo', { storeId, traceId });
  const data = useApiQuery('getTraceData', { storeId, traceId });
  const info = infoQuery.data;
  const error = infoQuery.error ?? data.error;
  const state = error ? 'error' : info && data.data ? 'ready' : 'loading';
  const runId = info ? traceRunId(info) : null;
  return (
    <section className="pk-page trace-page" data-state={state} aria-label="Trace">
      <h1>
        {info ? traceName(info) : 'Trace'} <code className="pk-id">{traceId}</code>
      </h1>
      {error ? (
        <ErrorNote title="This trace cannot be shown" error={error} />
      ) : !info || !data.data ? (
        <Skeleton label="Loading trace" lines={8} />
      ) : (
        <>
          <Facts
            items={[
              [
                'State',
                <span key="s" className={`trace-state state-${info.state.toLowerCase()}`}>
                  {info.state}
                </span>,
              ],
              ['Requested', formatDateTime(info.requestTime) || null],
              [
                'Duration',
                info.executionDurationMs !== null ? formatDuration(info.executionDurationMs) : null,
              ],
              ['Run', runId ? <RunIdLink storeId={storeId} runId={runId} full /> : null],
              [
                'Request',
                info.requestPreview ? (
                  <code key="q" className="trace-preview">
                    {info.requestPreview}
                  </code>
                ) : null,
              ],
              [
                'Response',
                info.responsePreview ? (
                  <code key="r" className="trace-preview">
                    {info.responsePreview}
                  </code>
                ) : null,
              ],
            ]}
          />
          <h2>Spans</h2>
          <Spans data={data.data.data} />
        </>
      )}
    </section>
  );
}
