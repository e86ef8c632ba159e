import { describe, expect, it } from 'vitest';
import type { RunsPage } from '../../../shared/common/contract';
import { storePages } from './useRunPages';
import { testRun as run } from '../../../test/support/renderer/testRuns';

const exact: RunsPage = { runs: [run('a'), run('b')], nextPageToken: 't2' };
const cached: RunsPage = { runs: [run('a'), run('old')], fromCache: true };

describe('storePages (stale-while-revalidate of the first page)', () => {
  it('shows the cached preview while the exact first page is on its way, with no token', () => {
    expect(storePages('s1', [undefined], cached)).toEqual({
      storeId: 's1',
      runs: cached.runs,
      nextToken: undefined,
      pending: true,
      preview: true,
    });
  });

  it('replaces the preview with the exact page as soon as it is there', () => {
    expect(storePages('s1', [exact], cached)).toEqual({
      storeId: 's1',
      runs: exact.runs,
      nextToken: 't2',
      pending: false,
    });
    // A later page pending does not bring the preview back.
    const more = storePages('s1', [exact, undefined], cached);
    expect(more).toMatchObject({ runs: exact.runs, pending: true });
    expect(more.preview).toBeUndefined();
  });

  it('ignores an answer that is not from the cache (the store had no index: exact pages only)', () => {
    const notCached: RunsPage = { runs: [run('x')], nextPageToken: 'n' };
    expect(storePages('s1', [undefined], notCached)).toEqual({
      storeId: 's1',
      runs: [],
      nextToken: undefined,
      pending: true,
    });
  });

  it('joins loaded pages and keeps the last token', () => {
    const last: RunsPage = { runs: [run('c')] };
    expect(storePages('s1', [exact, last], undefined)).toEqual({
      storeId: 's1',
      runs: [...exact.runs, ...last.runs],
      nextToken: undefined,
      pending: false,
    });
  });
});
