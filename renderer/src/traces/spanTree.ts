/**
 * A trace's spans (as stored in `traces.json`) as a tree with timings. MLflow has written two shapes:
 * 3.x OpenTelemetry-like spans (`span_id`, `parent_span_id`, `start_time_unix_nano`) and 2.x spans
 * (`context.span_id`, `parent_id`, `start_time`/`end_time` in ns). Both are read; unknown shapes
 * give an empty list, not an exception, because trace data is user-written and may be anything.
 */
export interface SpanNode {
  id: string;
  name: string;
  type: string | null;
  status: string | null;
  /** Milliseconds from the trace's first span start. */
  startMs: number;
  durationMs: number | null;
  inputs: string | null;
  outputs: string | null;
  depth: number;
  children: SpanNode[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function nanos(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return null;
}

/** MLflow stores span attributes JSON-encoded (`"\"CHAIN\""`); decode one level when possible. */
function attribute(attrs: Obj, key: string): string | null {
  const raw = attrs[key];
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') return JSON.stringify(raw);
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
  } catch {
    return raw;
  }
}

interface FlatSpan extends Omit<SpanNode, 'startMs' | 'depth' | 'children'> {
  parent: string | null;
  startNs: number | null;
}

function readSpan(s: Obj): FlatSpan | null {
  const context = isObj(s.context) ? s.context : {};
  const id = s.span_id ?? context.span_id;
  if (typeof id !== 'string' || !id) return null;
  const parentRaw = s.parent_span_id ?? s.parent_id;
  const attrs = isObj(s.attributes) ? s.attributes : {};
  const startNs = nanos(s.start_time_unix_nano ?? s.start_time);
  const endNs = nanos(s.end_time_unix_nano ?? s.end_time);
  const status = isObj(s.status) ? (s.status.code ?? s.status.status_code) : s.status;
  return {
    id,
    parent: typeof parentRaw === 'string' && parentRaw ? parentRaw : null,
    name: typeof s.name === 'string' ? s.name : id,
    type: attribute(attrs, 'mlflow.spanType'),
    status: typeof status === 'string' ? status.replace(/^STATUS_CODE_/, '') : null,
    startNs,
    durationMs: startNs !== null && endNs !== null ? (endNs - startNs) / 1e6 : null,
    inputs: attribute(attrs, 'mlflow.spanInputs'),
    outputs: attribute(attrs, 'mlflow.spanOutputs'),
  };
}

/** The spans of a trace as root nodes (children by start time); orphans become roots. */
export function buildSpanTree(data: unknown): SpanNode[] {
  const spans = isObj(data) && Array.isArray(data.spans) ? data.spans : [];
  const flat = spans
    .filter(isObj)
    .map(readSpan)
    .filter((s): s is FlatSpan => s !== null);
  const starts = flat.map((s) => s.startNs).filter((n): n is number => n !== null);
  const t0 = starts.length ? Math.min(...starts) : 0;
  const nodes = new Map<string, SpanNode & { parent: string | null }>();
  for (const s of flat) {
    nodes.set(s.id, {
      id: s.id,
      name: s.name,
      type: s.type,
      status: s.status,
      startMs: s.startNs !== null ? (s.startNs - t0) / 1e6 : 0,
      durationMs: s.durationMs,
      inputs: s.inputs,
      outputs: s.outputs,
      depth: 0,
      children: [],
      parent: s.parent,
    });
  }
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent !== null ? nodes.get(node.parent) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const order = (list: SpanNode[], depth: number, seen: Set<string>) => {
    list.sort((a, b) => a.startMs - b.startMs);
    for (const n of list) {
      if (seen.has(n.id)) continue; // a cycle in bad data must not loop forever
      seen.add(n.id);
      n.depth = depth;
      order(n.children, depth + 1, seen);
    }
  };
  const seen = new Set<string>();
  order(roots, 0, seen);
  // Spans in a parent cycle are reachable from no root: show them at the top rather than lose them.
  const stranded = [...nodes.values()].filter((n) => !seen.has(n.id));
  for (const n of stranded) {
    if (seen.has(n.id)) continue;
    roots.push(n);
    order([n], 0, seen);
  }
  return roots;
}

/** Depth-first order, for rendering the tree as rows. */
export function flattenSpans(roots: SpanNode[]): SpanNode[] {
  const out: SpanNode[] = [];
  const seen = new Set<string>();
  const walk = (n: SpanNode) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    out.push(n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}
