import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown } from './SafeMarkdown';
import { safeLinkUrl } from './safeUrl';

describe('safeLinkUrl', () => {
  it('keeps http, https and mailto', () => {
    expect(safeLinkUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeLinkUrl('http://x.org')).toBe('http://x.org/');
    expect(safeLinkUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
  });
  it('refuses script, data, file and relative URLs, also when obfuscated', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:x',
      '/run/1',
      '#/models/x',
      '',
    ]) {
      expect(safeLinkUrl(url), url).toBeNull();
    }
  });
});

describe('SafeMarkdown', () => {
  const render = (text: string) => renderToStaticMarkup(<SafeMarkdown text={text} />);

  it('renders Markdown with GFM tables', () => {
    const html = render('# Title\n\n*em* and `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<table>');
  });

  it('drops raw HTML: script, img onerror, iframes', () => {
    const html = render(
      'before <script>alert(1)</script> <img src=x onerror="alert(2)"> <iframe src="https://e.vil"></iframe> after',
    );
    expect(html).not.toMatch(/<script|<img|<iframe|onerror/i);
    expect(html).toContain('before');
    expect(html).toContain('after');
  });

  it('makes javascript: links inert text and opens safe links outside', () => {
    const html = render('[bad](javascript:alert(1)) [good](https://mlflow.org)');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<span class="md-unsafe-link">bad</span>');
    expect(html).toContain(
      '<a href="https://mlflow.org/" target="_blank" rel="noopener noreferrer">good</a>',
    );
  });

  it('shows images as alt text, never loads them', () => {
    const html = render(
      '![plot](https://tracker.example/pixel.png) ![x](data:image/svg+xml,<svg/>)',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('[image: plot]');
  });
});
