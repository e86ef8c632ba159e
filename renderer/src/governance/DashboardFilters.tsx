/** The dashboard's controls: store and as-of day, and the matrix filters (outcome, rule, experiment). */
import type { StoreInfo } from '../../../shared/common/contract';
import { OUTCOMES } from '../../../shared/common/governance/types';
import { COMPLIANT, NONCOMPLIANT, OUTCOME_LABEL } from './dashboardModel';
import type { GovernanceSearch } from './links';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function StoreAndDate({
  stores,
  storeId,
  asOf,
  onChange,
}: {
  stores: readonly StoreInfo[];
  storeId: string | null;
  asOf: string | undefined;
  onChange: (patch: Partial<GovernanceSearch>) => void;
}) {
  return (
    <div className="gov-controls">
      {stores.length > 1 && (
        <label>
          Store{' '}
          <select
            className="text-input"
            value={storeId ?? ''}
            onChange={(e) => onChange({ store: e.target.value })}
          >
            {stores.map((s) => (
              <option key={s.storeId} value={s.storeId}>
                {s.displayName} ({s.kind})
              </option>
            ))}
          </select>
        </label>
      )}
      <label title="Evaluate as of this day (UTC), like runlens governance check --as-of: results are reproducible">
        As of{' '}
        <input
          type="date"
          className="text-input"
          value={asOf ?? ''}
          onChange={(e) => {
            const v = e.target.value;
            onChange({ asOf: DAY.test(v) ? v : undefined });
          }}
        />
      </label>
      {asOf !== undefined && (
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange({ asOf: undefined })}
        >
          Now
        </button>
      )}
    </div>
  );
}

export function DashboardFilters({
  search,
  rules,
  experiments,
  experimentName,
  shown,
  total,
  onChange,
}: {
  search: GovernanceSearch;
  rules: readonly string[];
  experiments: readonly string[];
  experimentName: (id: string) => string | undefined;
  shown: number;
  total: number;
  onChange: (patch: Partial<GovernanceSearch>) => void;
}) {
  const filtered =
    search.outcome !== undefined || search.rule !== undefined || search.experiment !== undefined;
  return (
    <div className="gov-filters" role="group" aria-label="Filters">
      <label>
        Outcome{' '}
        <select
          className="text-input"
          value={search.outcome ?? ''}
          onChange={(e) => onChange({ outcome: e.target.value || undefined })}
        >
          <option value="">any</option>
          <option value={NONCOMPLIANT}>non-compliant entities</option>
          <option value={COMPLIANT}>compliant entities</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              a finding {o} ({OUTCOME_LABEL[o].toLowerCase()})
            </option>
          ))}
        </select>
      </label>
      <label>
        Rule{' '}
        <select
          className="text-input"
          value={search.rule ?? ''}
          onChange={(e) => onChange({ rule: e.target.value || undefined })}
        >
          <option value="">all rules</option>
          {rules.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Experiment{' '}
        <select
          className="text-input"
          value={search.experiment ?? ''}
          onChange={(e) => onChange({ experiment: e.target.value || undefined })}
        >
          <option value="">all (and the registry)</option>
          {experiments.map((id) => (
            <option key={id} value={id}>
              {experimentName(id) ?? id}
            </option>
          ))}
        </select>
      </label>
      <span className="gov-count" aria-live="polite">
        {shown} of {total} entities
      </span>
      {filtered && (
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange({ outcome: undefined, rule: undefined, experiment: undefined })}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
