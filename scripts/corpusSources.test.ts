import { describe, expect, it } from 'vitest';
import {
  parseCount,
  parseRegistry,
  parseSources,
  parseStoreName,
  splitRow,
} from './corpusSources.mjs';

const TABLE = `# Shared fixtures

Some text | with a pipe that is not a table.

| # | store (dir here) | repository | MLflow version | exps | runs (deleted) | metric files / max pts | reg models | notes |
|---|---|---|---|---|---|---|---|---|
| 1 | \`dmatrix__examples\` | github.com/x @ abc | **0.1.0** (old) | 1 | 6 (0) | 0 / 0 | – | 2 runs FAILED (status 4) |
| 2 | \`KenmogneThimotee__mlflow\` | github.com/y | **2.3.2** | **3** | 21 (2) | 102 / 1 | 2/58 (\`model\` v1–50, \`lr\` v1–8) | a \\| b |
| 3 | \`03sarath__MLFlow-LLM-Evaluation\` | github.com/z | ≥3.8 | 8 (DB) | 7 (0) (DB) | 9 metric rows | 0 | SQLite only |
| 4 | plain__name | github.com/w | 3.6 | 1 | 2 | 4 / 2 | 1/3 | no parens |
| 5 | \`broken\` | github.com/v | ? | many | ? | ? | ? | unreadable |

| other | table |
|---|---|
| 1 | 2 |
`;

describe('SOURCES.md parser', () => {
  const rows = parseSources(TABLE);

  it('reads every row of the first table with store and exps columns', () => {
    expect(rows.map((r) => r.store)).toEqual([
      'dmatrix__examples',
      'KenmogneThimotee__mlflow',
      '03sarath__MLFlow-LLM-Evaluation',
      'plain__name',
      'broken',
    ]);
  });

  it('reads counts through bold, dashes and (DB) notes', () => {
    expect(rows[0]).toMatchObject({
      experiments: { total: 1 },
      runs: { total: 6, deleted: 0 },
      registry: { models: 0, versions: 0 },
      mentionsDb: false,
    });
    expect(rows[1]).toMatchObject({
      experiments: { total: 3 },
      runs: { total: 21, deleted: 2 },
      registry: { models: 2, versions: 58 },
    });
    expect(rows[2]).toMatchObject({
      experiments: { total: 8 },
      runs: { total: 7, deleted: 0 },
      registry: { models: 0, versions: 0 },
      mentionsDb: true,
    });
    expect(rows[3]).toMatchObject({ runs: { total: 2 }, registry: { models: 1, versions: 3 } });
    expect(rows[3]?.runs).not.toHaveProperty('deleted');
  });

  it('marks unreadable cells null instead of guessing', () => {
    expect(rows[4]).toMatchObject({ experiments: null, runs: null, registry: null });
  });

  it('parses single cells', () => {
    expect(parseCount('—')).toEqual({ total: 0 });
    expect(parseCount('1,234 (12 deleted)')).toEqual({ total: 1234, deleted: 12 });
    expect(parseCount('**5**')).toEqual({ total: 5 });
    expect(parseRegistry('**2/58**')).toEqual({ models: 2, versions: 58 });
    expect(parseRegistry('1 / 3 (`model`)')).toEqual({ models: 1, versions: 3 });
    expect(parseRegistry('4')).toEqual({ models: 4 });
    expect(parseRegistry('')).toEqual({ models: 0, versions: 0 });
    expect(parseStoreName('**`a__b`** (partial)')).toBe('a__b');
    expect(splitRow('| a | b \\| c | d |')).toEqual(['a', 'b | c', 'd']);
  });

  it('reads the real SOURCES.md format when the corpus is present', () => {
    const real = `| # | store (dir here) | exps | runs (deleted) | reg models |\n|---|---|---|---|---|\n| 6 | \`x\` | 8 (DB) | 7 (0) (DB) | 0 |`;
    expect(parseSources(real)).toEqual([
      {
        store: 'x',
        experiments: { total: 8 },
        runs: { total: 7, deleted: 0 },
        registry: { models: 0, versions: 0 },
        mentionsDb: true,
        line: 3,
      },
    ]);
  });
});
