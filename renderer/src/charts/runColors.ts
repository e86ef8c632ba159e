/**
 * The app's run colours (RunColorRegistry, shared/common/charts/runColor.ts), remembered in the
 * renderer's localStorage, so a run keeps its colour from one session to the next.
 */
import {
  RunColorRegistry,
  type ColorStore,
  type RunColorOf,
  type RunRef,
} from '../../../shared/common/charts/runColor';

const KEY = 'runlens.runColors.v1';

function localColorStore(): ColorStore | undefined {
  if (typeof localStorage === 'undefined') return undefined;
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
        return Array.isArray(parsed) ? (parsed as [string, number][]) : [];
      } catch {
        // A corrupt entry must not break a chart: start again.
        return [];
      }
    },
    save(entries) {
      try {
        localStorage.setItem(KEY, JSON.stringify(entries));
      } catch {
        // Storage full or refused: the colours still hold for this session.
      }
    },
  };
}

let registry: RunColorRegistry | undefined;

/** The colours of the runs a view shows (see RunColorRegistry.colorsOf). */
export function runColors(runs: readonly RunRef[]): RunColorOf {
  registry ??= new RunColorRegistry(localColorStore());
  return registry.colorsOf(runs);
}
