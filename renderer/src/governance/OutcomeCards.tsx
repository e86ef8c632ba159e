/** The four cards of the dashboard (compliant / non-compliant / waived / errors); each filters the matrix. */
import type { GovernanceSummary } from '../../../shared/common/governance/types';
import { COMPLIANT, NONCOMPLIANT } from './dashboardModel';

interface Card {
  key: string;
  label: string;
  value: number;
  tone: 'ok' | 'bad' | 'waived' | 'error';
  filter: string;
  hint: string;
}

export function OutcomeCards({
  summary,
  active,
  onFilter,
}: {
  summary: GovernanceSummary;
  active: string | undefined;
  onFilter: (outcome: string | undefined) => void;
}) {
  const cards: Card[] = [
    {
      key: 'compliant',
      label: 'Compliant',
      value: summary.compliant,
      tone: 'ok',
      filter: COMPLIANT,
      hint: 'no failing rule of severity error',
    },
    {
      key: 'noncompliant',
      label: 'Non-compliant',
      value: summary.nonCompliant,
      tone: 'bad',
      filter: NONCOMPLIANT,
      hint: 'at least one rule of severity error fails',
    },
    {
      key: 'waived',
      label: 'Waived',
      value: summary.waived,
      tone: 'waived',
      filter: 'WAIVED',
      hint: 'a finding excused by an active waiver',
    },
    {
      key: 'errors',
      label: 'Errors',
      value: summary.errors,
      tone: 'error',
      filter: 'ERROR',
      hint: 'a rule could not be evaluated',
    },
  ];
  return (
    <ul className="gov-cards" aria-label="Entities by outcome">
      {cards.map((c) => (
        <li key={c.key}>
          <button
            type="button"
            className={`gov-card gov-card-${c.tone}`}
            aria-pressed={active === c.filter}
            data-card={c.key}
            title={`${c.hint}: click to show only these`}
            onClick={() => onFilter(active === c.filter ? undefined : c.filter)}
          >
            <span className="gov-card-value">{c.value}</span>
            <span className="gov-card-label">{c.label}</span>
            <span className="gov-card-of">of {summary.entities} entities</span>
          </button>
        </li>
      ))}
      <li className="gov-card gov-card-score" aria-label="Score">
        <span className="gov-card-value">{Math.round(summary.score * 100)}%</span>
        <span className="gov-card-label">Score</span>
        <span className="gov-card-of">
          {summary.storeCompliant ? 'store compliant' : 'store not compliant'}
        </span>
      </li>
    </ul>
  );
}
