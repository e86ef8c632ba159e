/**
 * Run colours, from 20 readable on light and dark backgrounds (matplotlib's tab10 first, then ten
 * darker hues). A run keeps one colour wherever it appears — chart lines, legends, tooltips, bars, the
 * compare page — and the runs shown together get distinct colours: a `RunColorRegistry` gives each run
 * its colour the first time a view shows it, one that no other run of that view has, and remembers it
 * (the renderer keeps it in localStorage). A pure hash of the run (`runColor`, the fallback) gave the
 * same colour to ten runs nearly always: the fixture's ten forecasting runs had four in one blue, and
 * their lines could not be told apart.
 */
export const RUN_PALETTE: readonly string[] = [
  '#1f77b4', // blue
  '#ff7f0e', // orange
  '#2ca02c', // green
  '#d62728', // red
  '#9467bd', // purple
  '#8c564b', // brown
  '#e377c2', // pink
  '#7f7f7f', // grey
  '#bcbd22', // olive
  '#17becf', // cyan
  '#393b79', // indigo
  '#637939', // moss
  '#8c6d31', // ochre
  '#843c39', // maroon
  '#7b4173', // plum
  '#3182bd', // sky
  '#e6550d', // rust
  '#31a354', // emerald
  '#756bb1', // lavender
  '#636363', // charcoal
];

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The first ten colours (tab10) are the most distinct; the other ten are darker hues, and some are
 * near one of the first ten (sky and blue, rust and orange, emerald and green). A view of up to ten
 * runs uses the first ten only.
 */
const DISTINCT = 10;

/** A run's colour by its identity alone (FNV-1a of "storeId:runId"): one of the first ten. */
export function runColor(storeId: string, runId: string): string {
  return RUN_PALETTE[fnv1a(`${storeId}:${runId}`) % DISTINCT] as string;
}

export interface RunRef {
  storeId: string;
  runId: string;
}

export type RunColorOf = (storeId: string, runId: string) => string;

/** Where a registry keeps its colours between sessions: run id → palette index, oldest first. */
export interface ColorStore {
  load(): [string, number][];
  save(entries: [string, number][]): void;
}

/** Runs remembered at most (the oldest forgotten first): ~30 bytes each in localStorage. */
export const REMEMBERED_RUNS = 5000;

/**
 * Colours given to runs, remembered. Keyed by run id: MLflow's run ids are UUIDs, and a store's id
 * in the app ("s1") is not stable between sessions.
 */
export class RunColorRegistry {
  private readonly byRun: Map<string, number>;
  private readonly uses = new Array<number>(RUN_PALETTE.length).fill(0);
  private readonly views = new WeakMap<readonly RunRef[], RunColorOf>();

  constructor(
    private readonly store?: ColorStore,
    private readonly limit = REMEMBERED_RUNS,
  ) {
    this.byRun = new Map(
      (store?.load() ?? []).filter(
        ([run, i]) =>
          typeof run === 'string' && Number.isInteger(i) && i >= 0 && i < RUN_PALETTE.length,
      ),
    );
    for (const i of this.byRun.values()) this.uses[i] = (this.uses[i] ?? 0) + 1;
  }

  /**
   * The colours of the runs one view shows. A run that has a colour keeps it; each new run gets one
   * that no run of the view has yet, the least used so far (ties: palette order, so the ten most
   * distinct come first), or past 20 runs in the view the least used of all. Cached per array.
   */
  colorsOf(runs: readonly RunRef[]): RunColorOf {
    const cached = this.views.get(runs);
    if (cached) return cached;
    const inView = new Set<number>();
    for (const r of runs) {
      const i = this.byRun.get(r.runId);
      if (i !== undefined) inView.add(i);
    }
    let added = false;
    for (const r of runs) {
      if (this.byRun.has(r.runId)) continue;
      const i = this.leastUsed(inView.size < RUN_PALETTE.length ? inView : new Set());
      this.byRun.set(r.runId, i);
      this.uses[i] = (this.uses[i] ?? 0) + 1;
      inView.add(i);
      added = true;
    }
    if (added) this.remember();
    const colorOf: RunColorOf = (storeId, runId) => {
      const i = this.byRun.get(runId);
      return i === undefined ? runColor(storeId, runId) : (RUN_PALETTE[i] as string);
    };
    this.views.set(runs, colorOf);
    return colorOf;
  }

  private leastUsed(taken: ReadonlySet<number>): number {
    let best = -1;
    for (let i = 0; i < RUN_PALETTE.length; i++) {
      if (taken.has(i)) continue;
      if (best < 0 || (this.uses[i] as number) < (this.uses[best] as number)) best = i;
    }
    return best < 0 ? 0 : best;
  }

  private remember(): void {
    while (this.byRun.size > this.limit) {
      const [oldest, i] = this.byRun.entries().next().value as [string, number];
      this.byRun.delete(oldest);
      this.uses[i] = (this.uses[i] as number) - 1;
    }
    this.store?.save([...this.byRun]);
  }
}
