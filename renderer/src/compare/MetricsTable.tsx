/**
 * Latest/min/max of each metric per run, the best run per row highlighted. Direction per metric is
 * guessed from its name (loss/error/mape/rmse… lower is better) and can be flipped per row.
 */
import { useMemo, useState } from 'react';
import { guessDirection, type Direction } from '../../../shared/common/charts/direction';
import { useApiQueries } from '../charts/useApiQueries';
import { formatMetric } from '../format/formatMetric';
import { bestOf, seriesExtremes, type MetricStats, type StatKind } from './compareModel';
import type { CompareRun } from './useCompareRuns';
import { ownValue } from '../../../shared/common/records';

export function MetricsTable(props: { runs: readonly CompareRun[]; keys: readonly string[] }) {
  const [stat, setStat] = useState<StatKind>('latest');
  const [overrides, setOverrides] = useState<Record<string, Direction>>({});
  const requests = useMemo(
    () =>
      props.keys.flatMap((key) =>
        props.runs.map((r) => ({ storeId: r.storeId, runId: r.run.info.runId, key, buckets: 200 })),
      ),
    [props.keys, props.runs],
  );
  // Min/max from the sampled series are exact: every bucket keeps its extremes.
  const series = useApiQueries('getMetricSeries', stat === 'latest' ? [] : requests);
  const statsOf = (k: number, key: string): MetricStats[] =>
    props.runs.map((r, i) => ({
      latest: ownValue(r.run.data.metrics, key)?.value,
      ...seriesExtremes(series[k * props.runs.length + i]?.data),
    }));
  return (
    <section className="compare-section" aria-label="Metrics">
      <h2>Metrics</h2>
      <div className="compare-toolbar" role="radiogroup" aria-label="Value">
        {(['latest', 'min', 'max'] as const).map((s) => (
          <label key={s}>
            <input
              type="radio"
              name="compare-stat"
              checked={stat === s}
              onChange={() => setStat(s)}
            />{' '}
            {s}
          </label>
        ))}
      </div>
      <div className="compare-scroll">
        <table className="compare-table metrics-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Better</th>
              {props.runs.map((r) => (
                <th key={r.ref} scope="col">
                  {r.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.keys.map((key, k) => {
              const direction = overrides[key] ?? guessDirection(key);
              const stats = statsOf(k, key);
              const best = bestOf(stats, stat, direction);
              return (
                <tr key={key} data-metric={key}>
                  <th scope="row">{key}</th>
                  <td>
                    <button
                      type="button"
                      aria-label={`${key}: ${direction === 'min' ? 'lower' : 'higher'} is better, switch`}
                      onClick={() =>
                        setOverrides({ ...overrides, [key]: direction === 'min' ? 'max' : 'min' })
                      }
                    >
                      {direction === 'min' ? '↓ lower' : '↑ higher'}
                    </button>
                  </td>
                  {stats.map((s, i) => {
                    const v = s[stat];
                    return (
                      <td
                        key={i}
                        className={i === best ? 'best' : undefined}
                        data-best={i === best || undefined}
                      >
                        {v === undefined ? '—' : formatMetric(v)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
