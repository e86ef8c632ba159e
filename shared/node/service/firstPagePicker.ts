/**
 * The first page a store may answer before it has read every run (searchRuns' `freshness: 'cached-ok'`
 * on a store with no index yet): only for queries whose page is decided by run attributes alone.
 */
import { searchParsedRuns, type RunQuery } from '../../common/search/index';
import type { Run } from '../../common/types';
import { inView } from './runCount';

/** Run attributes a FileStore's meta.yaml holds in every MLflow version (run_name does not in 1.x). */
const META_ORDER_KEYS: ReadonlySet<string> = new Set([
  'start_time',
  'end_time',
  'status',
  'run_id',
]);

/**
 * For a first page with no filter, ordered by attributes of meta.yaml only: chooses that page among
 * runs known by their attributes (a store that has indexed nothing yet lists those first). Any other
 * query needs every run read: undefined.
 */
export function firstPagePicker(query: RunQuery): ((attributesOnly: Run[]) => Run[]) | undefined {
  if (query.filterText.trim() !== '' || query.pageToken !== undefined) return undefined;
  const attributesOnly = query.orderBy.every(
    (k) => k.entity === 'attribute' && META_ORDER_KEYS.has(k.key),
  );
  if (!attributesOnly) return undefined;
  return (runs) =>
    searchParsedRuns(
      runs.filter((r) => inView(r.info.lifecycleStage, query.viewType)),
      query,
    ).runs;
}
