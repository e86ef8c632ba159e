import { describe, expect, it } from 'vitest';
import { buildSpanTree, flattenSpans } from './spanTree';

/** The spans of fixture trace tr-bdd640fb… (mlflow-3.1.2.dev0, llm-eval), as MLflow wrote them. */
const FIXTURE_TRACE: unknown = JSON.parse(
  '{"spans": [{"trace_id": "vdZA+wZnGtEcgDF/o7F5nQ==", "span_id": "PrE7kEZoUlc=", "trace_state": "", "parent_span_id": "", "name": "answer", "start_time_unix_nano": 1795688696793999947, "end_time_unix_nano": 1795688696812193466, "attributes": {"mlflow.traceRequestId": "\\"tr-bdd640fb06671ad11c80317fa3b1799d\\"", "mlflow.spanType": "\\"CHAIN\\"", "mlflow.spanFunctionName": "\\"answer\\"", "mlflow.spanOutputs": "\\"42\\"", "mlflow.spanInputs": "{\\"question\\": \\"what is 6*7?\\"}"}, "status": {"message": "", "code": "STATUS_CODE_OK"}}, {"trace_id": "vdZA+wZnGtEcgDF/o7F5nQ==", "span_id": "I7jB6TkkVt4=", "trace_state": "", "parent_span_id": "PrE7kEZoUlc=", "name": "retrieve", "start_time_unix_nano": 1795688696794552677, "end_time_unix_nano": 1795688696794719319, "attributes": {"mlflow.traceRequestId": "\\"tr-bdd640fb06671ad11c80317fa3b1799d\\"", "mlflow.spanInputs": "{\\"query\\": \\"what is 6*7?\\"}", "mlflow.spanType": "\\"RETRIEVER\\"", "mlflow.spanOutputs": "[\\"doc-1\\", \\"doc-2\\"]"}, "status": {"message": "", "code": "STATUS_CODE_OK"}}, {"trace_id": "vdZA+wZnGtEcgDF/o7F5nQ==", "span_id": "Gj0fp7yJYKk=", "trace_state": "", "parent_span_id": "PrE7kEZoUlc=", "name": "llm", "start_time_unix_nano": 1795688696794812053, "end_time_unix_nano": 1795688696794922904, "attributes": {"model": "\\"gpt-x\\"", "mlflow.spanOutputs": "{\\"text\\": \\"42\\"}", "mlflow.spanType": "\\"LLM\\"", "mlflow.traceRequestId": "\\"tr-bdd640fb06671ad11c80317fa3b1799d\\"", "mlflow.spanInputs": "{\\"prompt\\": \\"Answer: what is 6*7?\\"}"}, "status": {"message": "", "code": "STATUS_CODE_OK"}}]}',
);

describe('buildSpanTree', () => {
  it('builds the fixture traces: CHAIN root with RETRIEVER and LLM children, timings in ms', () => {
    const roots = buildSpanTree(FIXTURE_TRACE);
    expect(roots).toHaveLength(1);
    const root = roots[0];
    expect(root?.name).toBe('answer');
    expect(root?.type).toBe('CHAIN');
    expect(root?.status).toBe('OK');
    expect(root?.startMs).toBe(0);
    expect(root?.durationMs).toBeGreaterThan(10);
    expect(root?.durationMs).toBeLessThan(30);
    expect(root?.children.map((c) => c.type)).toEqual(['RETRIEVER', 'LLM']);
    expect(root?.children[0]?.outputs).toBe('["doc-1","doc-2"]');
    expect(flattenSpans(roots).map((s) => s.depth)).toEqual([0, 1, 1]);
  });

  it('reads the 2.x span shape and survives junk, orphans and cycles', () => {
    const roots = buildSpanTree({
      spans: [
        {
          name: 'a',
          context: { span_id: 'A' },
          parent_id: null,
          start_time: 1000,
          end_time: 3_000_000,
        },
        {
          name: 'b',
          context: { span_id: 'B' },
          parent_id: 'A',
          start_time: '2000000',
          end_time: null,
        },
        { name: 'orphan', span_id: 'C', parent_span_id: 'ZZZ' },
        { name: 'x', span_id: 'D', parent_span_id: 'E' },
        { name: 'y', span_id: 'E', parent_span_id: 'D' },
        42,
        null,
      ],
    });
    const flat = flattenSpans(roots);
    expect(flat.find((s) => s.id === 'B')?.depth).toBe(1);
    expect(flat.find((s) => s.id === 'B')?.durationMs).toBeNull();
    expect(roots.map((r) => r.id)).toContain('C');
    expect(flat.map((s) => s.id).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(buildSpanTree(null)).toEqual([]);
    expect(buildSpanTree({ spans: 'nope' })).toEqual([]);
  });
});
