/**
 * The compare page (`/compare?runs=storeId:runId…&metrics=…&set=…`): runs from any experiments and any
 * stores side by side. Named sets are kept by the app (compareSets.ts); params and metrics tables,
 * overlaid charts of the chosen metrics, parallel coordinates whose brushes filter the runs shown in
 * the scatter, and a scatter of any two columns. Page state beyond the URL (toggles, brushes) is local.
 */
import { useMemo, useState } from 'react';
import { runColors } from '../charts/runColors';
import { OverlaidCharts } from '../charts/OverlaidCharts';
import { useElementWidth } from '../charts/useElementWidth';
import '../charts/charts.css';
import { compareColumns } from './columns';
import { deleteSet, loadSets, saveSet, type CompareSet } from './compareSets';
import { MetricsTable } from './MetricsTable';
import { ParallelCoords } from './ParallelCoords';
import { ParamsTable } from './ParamsTable';
import { ScatterPlot } from './ScatterPlot';
import { useCompareRuns } from './useCompareRuns';
import './compare.css';

export interface CompareSearch {
  runs: string[];
  metrics?: string[];
  set?: string;
}

export function ComparePage(
  props: CompareSearch & { onNavigate?: (search: CompareSearch) => void },
) {
  const [localSearch, setLocalSearch] = useState<CompareSearch | undefined>();
  const search = localSearch ?? props;
  const navigate = (s: CompareSearch) =>
    props.onNavigate ? props.onNavigate(s) : setLocalSearch(s);
  const { runs, chartRuns, loading, errors } = useCompareRuns(search.runs);
  const allMetrics = useMemo(
    () =>
      [...new Set(runs.flatMap((r) => Object.keys(r.run.data.metrics)))].sort((a, b) =>
        a.localeCompare(b),
      ),
    [runs],
  );
  const chosen = (search.metrics ?? allMetrics.slice(0, 2)).filter((m) => allMetrics.includes(m));
  const [sets, setSets] = useState<CompareSet[]>(() => loadSets());
  const [setName, setSetName] = useState(search.set ?? '');
  const [kept, setKept] = useState<string[] | undefined>();
  const columns = useMemo(() => compareColumns(runs), [runs]);
  const [pcIds, setPcIds] = useState<string[] | undefined>();
  const pcColumns = pcIds
    ? columns.filter((c) => pcIds.includes(c.id))
    : columns.filter((c) => !c.id.startsWith('tags.')).slice(0, 6);
  const [box, width] = useElementWidth<HTMLDivElement>();
  const state = errors.length && !runs.length ? 'error' : loading ? 'loading' : 'ready';
  const shown = kept ? runs.filter((r) => kept.includes(r.ref)) : runs;
  // One set of colours for the page (the charts colour the same set): the scatter of the runs inside
  // the brushes keeps them.
  const colorOf = runColors(chartRuns);

  return (
    <div className="compare-page" data-state={state} ref={box}>
      <header className="compare-header">
        <h1>Compare {search.runs.length} runs</h1>
        <div className="compare-toolbar">
          <label htmlFor="compare-set-name">Set</label>
          <input
            id="compare-set-name"
            type="text"
            value={setName}
            placeholder="name"
            onChange={(e) => setSetName(e.target.value)}
          />
          <button
            type="button"
            disabled={!setName.trim()}
            onClick={() =>
              setSets(saveSet({ name: setName.trim(), runs: search.runs, metrics: search.metrics }))
            }
          >
            Save set
          </button>
          <label htmlFor="compare-set-open">Open</label>
          <select
            id="compare-set-open"
            value=""
            onChange={(e) => {
              const s = sets.find((x) => x.name === e.target.value);
              if (s) {
                setSetName(s.name);
                navigate({ runs: s.runs, metrics: s.metrics, set: s.name });
              }
            }}
          >
            <option value="">{sets.length ? 'saved sets…' : 'no saved sets'}</option>
            {sets.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </select>
          {sets.some((s) => s.name === setName) && (
            <button type="button" onClick={() => setSets(deleteSet(setName))}>
              Delete set
            </button>
          )}
        </div>
      </header>
      {errors.map((e) => (
        <p key={e.ref} className="chart-error" role="alert">
          {e.ref}: {e.message}
        </p>
      ))}
      {runs.length > 0 && (
        <>
          <ul className="chart-legend compare-runs" aria-label="Compared runs">
            {runs.map((r) => (
              <li key={r.ref} className="chart-legend-item" data-run={r.ref}>
                <span
                  className="chart-swatch"
                  style={{ background: colorOf(r.storeId, r.run.info.runId) }}
                />
                {r.label} <span className="compare-store">{r.storeId}</span>
              </li>
            ))}
          </ul>
          <ParamsTable runs={runs} />
          <MetricsTable runs={runs} keys={allMetrics} />
          <section className="compare-section" aria-label="Charts">
            <h2>Charts</h2>
            <OverlaidCharts
              runs={chartRuns}
              allKeys={allMetrics}
              chosen={chosen}
              onChosenChange={(metrics) => navigate({ ...search, metrics })}
            />
          </section>
          <section className="compare-section" aria-label="Parallel coordinates">
            <h2>Parallel coordinates</h2>
            <fieldset className="chart-controls">
              <legend>Axes</legend>
              {columns.map((c) => (
                <label key={c.id}>
                  <input
                    type="checkbox"
                    checked={pcColumns.includes(c)}
                    onChange={(e) =>
                      setPcIds(
                        e.target.checked
                          ? [...pcColumns.map((x) => x.id), c.id]
                          : pcColumns.filter((x) => x.id !== c.id).map((x) => x.id),
                      )
                    }
                  />{' '}
                  {c.id}
                </label>
              ))}
            </fieldset>
            <ParallelCoords
              runs={runs}
              colorOf={colorOf}
              columns={pcColumns}
              width={Math.max(320, width - 24)}
              onFilter={setKept}
            />
            {kept && (
              <p className="compare-hint" role="status">
                {kept.length} of {runs.length} runs inside the brushes
              </p>
            )}
          </section>
          <section className="compare-section" aria-label="Scatter">
            <h2>Scatter</h2>
            <ScatterPlot
              runs={shown}
              colorOf={colorOf}
              columns={columns}
              width={Math.max(320, Math.min(900, width - 24))}
            />
          </section>
        </>
      )}
    </div>
  );
}
