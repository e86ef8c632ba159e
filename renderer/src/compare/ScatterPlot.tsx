/** A scatter of any two columns of the compared runs, coloured by a param or tag (run colours when none). */
import { useId, useState } from 'react';
import { CartesianGrid, Cell, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { RUN_PALETTE, type RunColorOf } from '../../../shared/common/charts/runColor';
import { formatMetric } from '../format/formatMetric';
import type { Column } from './columns';
import type { CompareRun } from './useCompareRuns';

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

export function ScatterPlot(props: {
  runs: readonly CompareRun[];
  /** The page's run colours (runColors of the compared runs, not only of those shown here). */
  colorOf: RunColorOf;
  columns: readonly Column[];
  width: number;
}) {
  const id = useId();
  const numeric = props.columns.filter((c) =>
    props.runs.some((r) => num(c.value(r)) !== undefined),
  );
  const categorical = props.columns.filter((c) => !c.id.startsWith('metrics.'));
  const [xId, setX] = useState(numeric[0]?.id ?? '');
  const [yId, setY] = useState(numeric[1]?.id ?? numeric[0]?.id ?? '');
  const [colorId, setColor] = useState('');
  const col = (cid: string) => props.columns.find((c) => c.id === cid);
  const xc = col(xId);
  const yc = col(yId);
  const cc = col(colorId);
  const categories = cc
    ? [...new Set(props.runs.map((r) => String(cc.value(r) ?? '—')))].sort()
    : [];
  const points = props.runs.flatMap((r) => {
    const x = num(xc?.value(r));
    const y = num(yc?.value(r));
    if (x === undefined || y === undefined) return [];
    const cat = cc ? String(cc.value(r) ?? '—') : undefined;
    const fill =
      cat === undefined
        ? props.colorOf(r.storeId, r.run.info.runId)
        : (RUN_PALETTE[categories.indexOf(cat) % RUN_PALETTE.length] as string);
    return [{ x, y, name: r.label, fill, cat }];
  });
  const select = (
    label: string,
    value: string,
    set: (v: string) => void,
    cols: Column[],
    none?: string,
  ) => (
    <>
      <label htmlFor={`${id}-${label}`}>{label}</label>
      <select id={`${id}-${label}`} value={value} onChange={(e) => set(e.target.value)}>
        {none !== undefined && <option value="">{none}</option>}
        {cols.map((c) => (
          <option key={c.id} value={c.id}>
            {c.id}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <div className="scatter" data-points={points.length}>
      <div className="compare-toolbar">
        {select('X', xId, setX, numeric)}
        {select('Y', yId, setY, numeric)}
        {select('Colour', colorId, setColor, categorical, 'run')}
      </div>
      <ScatterChart
        width={props.width}
        height={300}
        margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
      >
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="x"
          name={xc?.label}
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => formatMetric(v)}
          stroke="var(--text-muted)"
          fontSize={11}
        />
        <YAxis
          type="number"
          dataKey="y"
          name={yc?.label}
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => formatMetric(v)}
          stroke="var(--text-muted)"
          fontSize={11}
          width={60}
        />
        <ZAxis range={[60, 60]} />
        <Tooltip
          isAnimationActive={false}
          content={({ active, payload }) => {
            const p = payload?.[0]?.payload as (typeof points)[number] | undefined;
            if (!active || !p) return null;
            return (
              <div className="chart-tooltip">
                <div>{p.name}</div>
                <div>
                  {xc?.label}: {formatMetric(p.x)} · {yc?.label}: {formatMetric(p.y)}
                </div>
                {p.cat !== undefined && (
                  <div>
                    {cc?.label}: {p.cat}
                  </div>
                )}
              </div>
            );
          }}
        />
        <Scatter data={points} isAnimationActive={false}>
          {points.map((p, i) => (
            <Cell key={i} fill={p.fill} />
          ))}
        </Scatter>
      </ScatterChart>
      {cc && (
        <ul className="chart-legend" aria-label={`Colour: ${cc.label}`}>
          {categories.map((c, i) => (
            <li key={c} className="chart-legend-item">
              <span
                className="chart-swatch"
                style={{ background: RUN_PALETTE[i % RUN_PALETTE.length] }}
              />
              {c}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
