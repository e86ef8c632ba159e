/** Params of the compared runs: one column per run (or one row per run, transposed), long values wrapped. */
import { useState } from 'react';
import type { Run } from '../../../shared/common/types';
import { tsvField } from '../runs/csv';
import { paramRows } from './compareModel';
import type { CompareRun } from './useCompareRuns';

export function ParamsTable(props: { runs: readonly CompareRun[] }) {
  const [only, setOnly] = useState(false);
  const [transpose, setTranspose] = useState(false);
  const runs: Run[] = props.runs.map((r) => r.run);
  const rows = paramRows(runs, only);
  const copy = () => {
    // Pasted into a spreadsheet: names and values from the store must not run as formulas.
    const header = ['param', ...props.runs.map((r) => r.label)].map(tsvField).join('\t');
    const body = rows.map((r) => [r.key, ...r.values.map((v) => v ?? '')].map(tsvField).join('\t'));
    void navigator.clipboard?.writeText([header, ...body].join('\n'));
  };
  return (
    <section className="compare-section" aria-label="Params">
      <h2>Params</h2>
      <div className="compare-toolbar">
        <label>
          <input type="checkbox" checked={only} onChange={(e) => setOnly(e.target.checked)} /> Only
          differences
        </label>
        <label>
          <input
            type="checkbox"
            checked={transpose}
            onChange={(e) => setTranspose(e.target.checked)}
          />{' '}
          Transpose
        </label>
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      <div className="compare-scroll">
        {transpose ? (
          <table className="compare-table params-table">
            <thead>
              <tr>
                <th scope="col">Run</th>
                {rows.map((r) => (
                  <th key={r.key} scope="col">
                    {r.key}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.runs.map((run, i) => (
                <tr key={run.ref}>
                  <th scope="row">{run.label}</th>
                  {rows.map((r) => (
                    <td key={r.key} className={r.differs ? 'differs' : undefined}>
                      {r.values[i] ?? '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <table className="compare-table params-table">
            <thead>
              <tr>
                <th scope="col">Param</th>
                {props.runs.map((run) => (
                  <th key={run.ref} scope="col">
                    {run.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className={r.differs ? 'differs' : undefined}>
                  <th scope="row">{r.key}</th>
                  {r.values.map((v, i) => (
                    <td key={i}>{v ?? '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
