/**
 * Markdown written by someone else (run/model descriptions, `.md` artifacts), rendered inert:
 * raw HTML is dropped (`<script>`, `<img onerror>` never reach the DOM), links keep only http(s)/mailto
 * targets and open outside the app (Electron's window-open handler sends them to the OS browser), and
 * images are shown as their alt text — a remote image would be a tracking pixel, a local one a path leak.
 */
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { safeLinkUrl } from './safeUrl';

const components: Components = {
  a({ href, children }) {
    const safe = href ? safeLinkUrl(href) : null;
    if (!safe) return <span className="md-unsafe-link">{children}</span>;
    return (
      <a href={safe} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    );
  },
  img({ alt }) {
    return <span className="md-image">[image{alt ? `: ${alt}` : ''}]</span>;
  },
};

/** Keeps URLs as written; the components above decide what is safe (urlTransform would blank them). */
function keepUrl(url: string): string {
  return url;
}

export function SafeMarkdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={`markdown ${className ?? ''}`}>
      <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components} urlTransform={keepUrl}>
        {text}
      </Markdown>
    </div>
  );
}
