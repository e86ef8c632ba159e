/**
 * The sidebar's "Governance" entry: the dashboard, with the first store's verdict once it is known.
 * It only reads the shared evaluateGovernance query from the cache (enabled: false): opening the app
 * must not start a whole-store evaluation before the first runs are shown.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useApi } from '../api/ApiContext';
import { apiQueryOptions } from '../api/queries';
import { useStores } from '../experiments/catalog';
import { governanceRequest } from './useGovernance';
import './governance.css';

export function GovernanceNavLink() {
  const stores = useStores();
  const storeId = (stores.data ?? []).find((s) => s.state === 'ready')?.storeId ?? null;
  const api = useApi();
  const cached = useQuery({
    ...apiQueryOptions(api, 'evaluateGovernance', governanceRequest(storeId ?? '')),
    enabled: false,
  });
  const summary = storeId === null ? undefined : cached.data?.report?.summary;
  return (
    <Link
      to="/governance"
      className="gov-nav-link"
      activeProps={{ 'aria-current': 'page', className: 'gov-nav-active' }}
    >
      <span>Governance</span>
      {summary && (
        <span
          className={`gov-nav-count ${summary.storeCompliant ? 'gov-ok' : 'gov-bad'}`}
          title={`${summary.nonCompliant} of ${summary.entities} entities non-compliant`}
        >
          {summary.storeCompliant ? '✓' : `${summary.nonCompliant} ✕`}
        </span>
      )}
    </Link>
  );
}
