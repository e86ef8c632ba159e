import { describe, expect, it } from 'vitest';
import type { StoreInfo } from '../../../shared/common/contract';
import { experimentsRequest, type BootAnswer } from '../../../shared/common/firstScreen';
import type { Experiment } from '../../../shared/common/types';
import { renderShell } from './renderShell';

const STORE: StoreInfo = {
  storeId: 's1',
  kind: 'file',
  location: '/home/ana/projects/mlruns',
  displayName: 'projects/mlruns',
  state: 'ready',
  problemCount: 0,
};

const experiment = (experimentId: string, name: string, deleted = false): Experiment => ({
  experimentId,
  name,
  artifactLocation: '',
  lifecycleStage: deleted ? 'deleted' : 'active',
  creationTime: 1,
  lastUpdateTime: 1,
  tags: {},
});

const HOSTILE = '<img src=x onerror=alert(1)>';

const ANSWERS: BootAnswer[] = [
  { method: 'listStores', request: {}, value: [STORE] },
  { method: 'listConnections', request: {}, value: [] },
  {
    method: 'searchExperiments',
    request: experimentsRequest('s1'),
    value: {
      experiments: [
        experiment('1', 'team-a/forecasting'),
        experiment('2', HOSTILE),
        experiment('3', 'old-trials', true),
      ],
    },
  },
];

describe('renderShell', () => {
  it('renders the sidebar of the answers, marked prerendered and inert, with no screen', async () => {
    const html = await renderShell(ANSWERS);
    expect(html).toMatch(/^<div class="app" data-state="prerendered" aria-busy="true" inert="">/);
    expect(html).toContain('<nav class="sidebar" aria-label="Stores and experiments">');
    expect(html).toContain('<span class="experiment-name">team-a/forecasting</span>');
    expect(html).toContain('data-store-id="s1"');
    // Deleted experiments are hidden, as in the window until "Show deleted" is ticked.
    expect(html).not.toContain('old-trials');
    // The screen comes with React's first commit in the window, not from the server.
    expect(html).toMatch(/<main class="main" id="main" tabindex="-1"><\/main><\/div>$/);
  });

  it('escapes what the store says (an experiment named like markup)', async () => {
    const html = await renderShell(ANSWERS);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('writes links as the window’s hash history does', async () => {
    const html = await renderShell(ANSWERS);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.filter((h) => h !== '#main').length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^#/);
  });

  it('marks no theme as chosen: the server cannot know the browser’s choice', async () => {
    const html = await renderShell(ANSWERS);
    expect(html).toContain('role="radiogroup" aria-label="Theme"');
    expect(html).not.toMatch(/<label class="checked"/);
  });

  it('renders with answers missing (their parts as skeletons) and asks nothing', async () => {
    const html = await renderShell([{ method: 'listStores', request: {}, value: [STORE] }]);
    expect(html).toContain('data-store-id="s1"');
    expect(html).not.toContain('experiment-name');
    expect(await renderShell([])).toContain('data-state="prerendered"');
  });
});
