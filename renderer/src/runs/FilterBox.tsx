/**
 * MLflow's search syntax (plus OR and parentheses), applied on Enter. The store parses it, so its
 * message (with the position of the bad token) is the one shown. While typing, the word under the
 * caret completes to entity prefixes and the experiment's keys (↑/↓ choose, Tab takes the first or
 * the chosen one, Enter the chosen one, Esc closes); the placeholder is a filter built from keys this
 * experiment has.
 */
import { forwardRef, useId, useState } from 'react';
import type { RunKeys } from './columns';
import { completeFilter, placeholderFilter, type Completion } from './filterSuggestions';

interface Props {
  applied: string;
  onApply: (filter: string) => void;
  /** The store's message for a filter it rejected (INVALID_ARGUMENT). */
  error: string | null;
  keys: RunKeys;
}

export const FilterBox = forwardRef<HTMLInputElement, Props>(function FilterBox(
  { applied, onApply, error, keys },
  ref,
) {
  const [draft, setDraft] = useState(applied);
  const [shownFor, setShownFor] = useState(applied);
  const [completion, setCompletion] = useState<Completion | null>(null);
  /** The highlighted suggestion; -1: none, so Enter applies the filter as typed. */
  const [active, setActive] = useState(-1);
  const listId = useId();
  // A new applied filter (Back, a link) replaces the draft.
  if (shownFor !== applied) {
    setShownFor(applied);
    setDraft(applied);
    setCompletion(null);
  }
  const pending = draft.trim() !== applied;

  const suggest = (text: string, caret: number | null): void => {
    const next = caret === null ? null : completeFilter(text, caret, keys);
    setCompletion(next);
    setActive(-1);
  };

  const accept = (input: HTMLInputElement, index: number): void => {
    const item = completion?.items[index];
    if (!completion || !item) return;
    const text = draft.slice(0, completion.from) + item.insert + draft.slice(completion.to);
    const caret = completion.from + item.insert.length;
    setDraft(text);
    setCompletion(null);
    requestAnimationFrame(() => input.setSelectionRange(caret, caret));
  };

  return (
    <div className="filter">
      <form
        className={`filter-box${error ? ' invalid' : ''}`}
        role="search"
        aria-label="Filter runs"
        onSubmit={(event) => {
          event.preventDefault();
          setCompletion(null);
          onApply(draft.trim());
        }}
      >
        <span className="filter-icon" aria-hidden="true">
          ⌕
        </span>
        <input
          ref={ref}
          type="search"
          role="combobox"
          aria-label="Filter runs"
          aria-invalid={error !== null}
          aria-describedby={error ? 'filter-error' : undefined}
          aria-expanded={completion !== null}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={completion && active >= 0 ? `${listId}-${active}` : undefined}
          placeholder={placeholderFilter(keys)}
          spellCheck={false}
          autoComplete="off"
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            suggest(event.target.value, event.target.selectionStart);
          }}
          onBlur={() => setCompletion(null)}
          onKeyDown={(event) => {
            const count = completion?.items.length ?? 0;
            if (event.key === 'Escape') {
              event.preventDefault();
              if (completion) setCompletion(null);
              else setDraft(applied);
            } else if (count > 0 && event.key === 'ArrowDown') {
              event.preventDefault();
              setActive((a) => (a + 1) % count);
            } else if (count > 0 && event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((a) => (a <= 0 ? count - 1 : a - 1));
            } else if (count > 0 && event.key === 'Tab' && !event.shiftKey) {
              event.preventDefault();
              accept(event.currentTarget, Math.max(0, active));
            } else if (count > 0 && event.key === 'Enter' && active >= 0) {
              event.preventDefault();
              accept(event.currentTarget, active);
            }
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
        <ul
          id={listId}
          role="listbox"
          aria-label="Filter keys"
          className="filter-suggestions"
          hidden={completion === null}
        >
          {completion?.items.map((item, i) => (
            <li
              key={item.insert}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onPointerDown={(event) => {
                event.preventDefault();
                const input = event.currentTarget.closest('form')?.querySelector('input');
                if (input) accept(input, i);
              }}
            >
              <span className="suggestion-label">{item.label}</span>
              <span className="suggestion-kind">{item.kind}</span>
            </li>
          ))}
        </ul>
      </form>
      {error && (
        <div id="filter-error" className="filter-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
});
