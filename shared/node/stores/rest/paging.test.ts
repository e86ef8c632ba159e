import { describe, expect, it } from 'vitest';
import { collectPages, nextToken } from './paging';

describe('collectPages', () => {
  it('follows tokens until the last page', async () => {
    const pages: Record<string, { items: number[]; nextPageToken: string | undefined }> = {
      first: { items: [1, 2], nextPageToken: 'a' },
      a: { items: [3], nextPageToken: 'b' },
      b: { items: [], nextPageToken: undefined },
    };
    const asked: (string | undefined)[] = [];
    const items = await collectPages('numbers', (token) => {
      asked.push(token);
      return Promise.resolve(pages[token ?? 'first'] ?? { items: [], nextPageToken: undefined });
    });
    expect(items).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'a', 'b']);
  });

  it('stops with REMOTE_ERROR when a token comes back (mlflow#23916)', async () => {
    let calls = 0;
    const run = collectPages('metric loss', () => {
      calls++;
      return Promise.resolve({ items: [], nextPageToken: 'eyJvZmZzZXQiOiAwfQ==' });
    });
    await expect(run).rejects.toMatchObject({
      code: 'REMOTE_ERROR',
      message: expect.stringMatching(/same page token twice while listing metric loss/) as unknown,
    });
    expect(calls).toBe(2);
  });

  it('reads next_page_token; empty means the last page', () => {
    expect(nextToken({ next_page_token: 'x' })).toBe('x');
    expect(nextToken({ next_page_token: '' })).toBeUndefined();
    expect(nextToken({})).toBeUndefined();
  });
});
