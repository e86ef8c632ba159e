/** The columns a compared run offers to parallel coordinates and the scatter: params, latest metrics, tags. */
import type { CellValue } from '../../../shared/common/charts/parallelCoords';
import type { CompareRun } from './useCompareRuns';
import { ownValue } from '../../../shared/common/records';

export interface Column {
  id: string;
  label: string;
  value: (r: CompareRun) => CellValue;
}

export function compareColumns(runs: readonly CompareRun[]): Column[] {
  const params = new Set<string>();
  const metrics = new Set<string>();
  const tags = new Set<string>();
  for (const r of runs) {
    Object.keys(r.run.data.params).forEach((k) => params.add(k));
    Object.keys(r.run.data.metrics).forEach((k) => metrics.add(k));
    Object.keys(r.run.data.tags).forEach((k) => !k.startsWith('mlflow.') && tags.add(k));
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return [
    ...sorted(params).map((k) => ({
      id: `params.${k}`,
      label: k,
      value: (r: CompareRun) => ownValue(r.run.data.params, k),
    })),
    ...sorted(metrics).map((k) => ({
      id: `metrics.${k}`,
      label: k,
      value: (r: CompareRun) => ownValue(r.run.data.metrics, k)?.value,
    })),
    ...sorted(tags).map((k) => ({
      id: `tags.${k}`,
      label: `tag ${k}`,
      value: (r: CompareRun) => ownValue(r.run.data.tags, k),
    })),
  ];
}
