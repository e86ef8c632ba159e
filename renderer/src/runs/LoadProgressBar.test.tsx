import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LoadProgressBar } from './LoadProgressBar';

describe('LoadProgressBar', () => {
  it('renders a determinate bar with data-state and the count when the total is known', () => {
    const html = renderToStaticMarkup(
      <LoadProgressBar progress={{ what: 'index', loaded: 12_000, total: 30_000 }} />,
    );
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('data-what="index"');
    expect(html).toContain('aria-valuenow="40"');
    expect(html).toContain('width:40.0%');
    expect(html).toContain('Loading runs… 12,000 of 30,000');
  });

  it('renders a moving bar when the total is unknown (a server listing)', () => {
    const html = renderToStaticMarkup(
      <LoadProgressBar progress={{ what: 'runs', loaded: 3000, total: null }} />,
    );
    expect(html).toContain('load-progress-fill indeterminate');
    expect(html).not.toContain('aria-valuenow');
    expect(html).toContain('Loading runs… 3,000 runs so far');
  });
});
