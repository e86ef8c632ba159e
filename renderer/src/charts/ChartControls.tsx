/** The options row of a metric chart: x axis, smoothing, log scale, outliers, exports. */
import { useId } from 'react';
import {
  formatXAxisMode,
  parseXAxisMode,
  type XAxisMode,
} from '../../../shared/common/charts/xAxis';

export interface ChartOptions {
  xMode: XAxisMode;
  smoothing: number;
  logScale: boolean;
  ignoreOutliers: boolean;
}

export type ExportKind = 'png' | 'svg' | 'csv' | 'csv-raw';

export function ChartControls(props: {
  options: ChartOptions;
  onChange: (o: ChartOptions) => void;
  /** Other metrics offered as x axis. */
  otherKeys: readonly string[];
  onExport: (kind: ExportKind) => void;
  zoomed: boolean;
  onResetZoom: () => void;
}) {
  const id = useId();
  const { options: o, onChange } = props;
  return (
    <div className="chart-controls">
      <span className="chart-control">
        <label htmlFor={`${id}-x`}>X</label>
        <select
          id={`${id}-x`}
          value={formatXAxisMode(o.xMode)}
          onChange={(e) => onChange({ ...o, xMode: parseXAxisMode(e.target.value) })}
        >
          <option value="step">Step</option>
          <option value="wall">Wall time</option>
          <option value="relative">Relative time</option>
          {props.otherKeys.map((k) => (
            <option key={k} value={`metric:${k}`}>
              {k}
            </option>
          ))}
        </select>
      </span>
      <span className="chart-control">
        <label htmlFor={`${id}-s`}>Smoothing</label>
        <input
          id={`${id}-s`}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={o.smoothing}
          onChange={(e) => onChange({ ...o, smoothing: Number(e.target.value) })}
        />
        <output htmlFor={`${id}-s`} className="chart-smoothing-value">
          {o.smoothing.toFixed(2)}
        </output>
      </span>
      <label className="chart-control">
        <input
          type="checkbox"
          checked={o.logScale}
          onChange={(e) => onChange({ ...o, logScale: e.target.checked })}
        />{' '}
        Log scale
      </label>
      <label className="chart-control">
        <input
          type="checkbox"
          checked={o.ignoreOutliers}
          onChange={(e) => onChange({ ...o, ignoreOutliers: e.target.checked })}
        />{' '}
        Ignore outliers
      </label>
      {props.zoomed && (
        <button type="button" onClick={props.onResetZoom}>
          Reset zoom
        </button>
      )}
      <span className="chart-exports" role="group" aria-label="Export">
        <button type="button" onClick={() => props.onExport('png')}>
          PNG
        </button>
        <button type="button" onClick={() => props.onExport('svg')}>
          SVG
        </button>
        <button type="button" onClick={() => props.onExport('csv')} title="The points drawn">
          CSV
        </button>
        <button type="button" onClick={() => props.onExport('csv-raw')} title="Every logged point">
          Raw CSV
        </button>
      </span>
    </div>
  );
}
