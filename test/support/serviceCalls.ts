/**
 * Calling the service from tests: a Result's value or a thrown error naming the call, and every page
 * of a run search followed through its page tokens.
 */
import type { RequestOf, RunlensHandlers } from '../../shared/common/contract';
import type { Result } from '../../shared/common/errors';
import type { Run } from '../../shared/common/types';

export function valueOf<T>(result: Result<T>, what = 'call'): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Every run `req` finds, page after page of `maxResults`. */
export async function allRunPages(
  service: Pick<RunlensHandlers, 'searchRuns'>,
  req: Omit<RequestOf<'searchRuns'>, 'pageToken' | 'maxResults'>,
  maxResults: number,
): Promise<Run[]> {
  const runs: Run[] = [];
  let pageToken: string | undefined;
  do {
    const page = valueOf(
      await service.searchRuns({ ...req, maxResults, ...(pageToken ? { pageToken } : {}) }),
      'searchRuns',
    );
    runs.push(...page.runs);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return runs;
}
