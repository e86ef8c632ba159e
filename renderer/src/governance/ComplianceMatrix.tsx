/**
 * The entities × rules matrix: one row per entity (its kind, name, verdict, score), one column per rule,
 * each cell the outcome of that rule on that entity (blank: the rule is about another kind of entity).
 * The entity's name opens its checklist.
 */
import type { EntityResult, Outcome } from '../../../shared/common/governance/types';
import { findingOf, KIND_LABEL, OUTCOME_LABEL } from './dashboardModel';

const GLYPH: Record<Outcome, string> = {
  PASS: '✓',
  FAIL: '✕',
  WARN: '!',
  INFO: 'i',
  'N/A': '·',
  WAIVED: 'W',
  ERROR: 'E',
};

export function ComplianceMatrix({
  entities,
  rules,
  selected,
  experimentName,
  onSelect,
}: {
  entities: readonly EntityResult[];
  rules: readonly string[];
  selected: string | undefined;
  experimentName: (id: string) => string | undefined;
  onSelect: (entityKey: string) => void;
}) {
  return (
    <div className="gov-matrix-wrap" tabIndex={0} role="region" aria-label="Entities by rule">
      <table className="gov-matrix">
        <thead>
          <tr>
            <th scope="col" className="gov-matrix-entity">
              Entity
            </th>
            <th scope="col">Verdict</th>
            {rules.map((r) => (
              <th key={r} scope="col" className="gov-matrix-rule">
                <span>{r}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entities.map((e) => {
            const key = `${e.kind}:${e.id}`;
            const context =
              e.kind === 'run' && e.parent !== null ? (experimentName(e.parent) ?? e.parent) : null;
            return (
              <tr
                key={key}
                data-entity={key}
                data-compliant={e.compliant}
                data-selected={selected === key}
                className={selected === key ? 'gov-row-selected' : undefined}
              >
                <th scope="row" className="gov-matrix-entity">
                  <span className="gov-kind">{KIND_LABEL[e.kind]}</span>
                  <button
                    type="button"
                    className="gov-entity-button"
                    title={`${e.id}: open the checklist`}
                    onClick={() => onSelect(key)}
                  >
                    {e.name}
                  </button>
                  {context !== null && <span className="gov-context pk-muted">{context}</span>}
                </th>
                <td>
                  <span className={e.compliant ? 'gov-ok' : 'gov-bad'}>
                    {e.compliant ? 'Compliant' : 'Non-compliant'}
                  </span>{' '}
                  <span className="pk-muted">{Math.round(e.score * 100)}%</span>
                </td>
                {rules.map((r) => {
                  const f = findingOf(e, r);
                  if (!f) return <td key={r} className="gov-cell gov-cell-none" />;
                  const tone = f.outcome === 'N/A' ? 'na' : f.outcome.toLowerCase();
                  return (
                    <td
                      key={r}
                      className={`gov-cell gov-cell-${tone}`}
                      data-rule={r}
                      data-outcome={f.outcome}
                      title={`${r}: ${OUTCOME_LABEL[f.outcome]}\nobserved: ${f.observed}\nexpected: ${f.expected}`}
                    >
                      <span aria-hidden="true">{GLYPH[f.outcome]}</span>
                      <span className="visually-hidden">{f.outcome}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function MatrixLegend() {
  return (
    <p className="gov-legend" aria-label="Legend">
      {(Object.keys(GLYPH) as Outcome[]).map((o) => {
        const tone = o === 'N/A' ? 'na' : o.toLowerCase();
        return (
          <span key={o} className="gov-legend-item">
            <span className={`gov-cell-swatch gov-cell-${tone}`} aria-hidden="true">
              {GLYPH[o]}
            </span>
            {OUTCOME_LABEL[o]}
          </span>
        );
      })}
    </p>
  );
}
