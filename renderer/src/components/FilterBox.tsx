import { useState } from 'react';

interface Props {
  applied: string;
  onApply: (filter: string) => void;
  /** The store's message for a filter it rejected (INVALID_ARGUMENT). */
  error: string | null;
}

/** MLflow search syntax, applied on Enter; the store parses it, so its message is the one to show. */
export function FilterBox({ applied, onApply, error }: Props) {
  const [draft, setDraft] = useState(applied);
  const pending = draft.trim() !== applied;
  return (
    <div className="filter">
      <form
        className={`filter-box${error ? ' invalid' : ''}`}
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          onApply(draft.trim());
        }}
      >
        <span className="filter-icon" aria-hidden="true">
          ⌕
        </span>
        <input
          type="search"
          aria-label="Filter runs"
          aria-invalid={error !== null}
          aria-describedby={error ? 'filter-error' : undefined}
          placeholder="Filter runs: metrics.f1 > 0.8 and params.model = 'prophet'"
          spellCheck={false}
          autoComplete="off"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setDraft(applied);
          }}
        />
        {pending && <span className="filter-hint">Enter to apply</span>}
        {applied !== '' && (
          <button
            type="button"
            className="filter-clear"
            aria-label="Clear filter"
            onClick={() => {
              setDraft('');
              onApply('');
            }}
          >
            ×
          </button>
        )}
      </form>
      {error && (
        <div id="filter-error" className="filter-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
