/**
 * One view per preview kind, each given the read content. None puts artifact content into the app's
 * DOM as markup: text is text, Markdown goes through SafeMarkdown, images and SVG load as <img> from a
 * blob: URL (an SVG in <img> runs no script), HTML only in an iframe with an empty sandbox.
 */
import { useEffect, useMemo, useState } from 'react';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { ArtifactContent } from '../../../shared/common/types';
import { SafeMarkdown } from '../pageKit/SafeMarkdown';
import { contentBytes, prettyJson, sha256Hex } from './artifactBytes';
import { parseDelimited } from './delimited';
import { baseName, formatBytes, imageMime } from './previewKind';

/** A blob: URL for the bytes, revoked when the view goes away (no leak per artifact clicked). */
function useBlobUrl(content: ArtifactContent, mime: string): string {
  const url = useMemo(
    () => URL.createObjectURL(new Blob([contentBytes(content)], { type: mime })),
    [content, mime],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return url;
}

export function TextView({ text }: { text: string }) {
  return (
    <pre className="art-text" tabIndex={0} aria-label="File content">
      {text}
    </pre>
  );
}

export function JsonView({ text }: { text: string }) {
  const pretty = useMemo(() => prettyJson(text), [text]);
  return (
    <>
      {pretty === null ? <p className="pk-muted">Not valid JSON; shown as written.</p> : null}
      <TextView text={pretty ?? text} />
    </>
  );
}

export function YamlView({ text }: { text: string }) {
  // Re-emitting normalizes indentation and flow style; invalid YAML is shown as written.
  const pretty = useMemo(() => {
    try {
      return stringifyYaml(parseYaml(text), { lineWidth: 0 });
    } catch {
      return null;
    }
  }, [text]);
  return <TextView text={pretty ?? text} />;
}

const TABLE_ROWS = 500;

export function TableView({
  text,
  separator,
  truncated,
}: {
  text: string;
  separator: ',' | '\t';
  truncated: boolean;
}) {
  const table = useMemo(
    () => parseDelimited(text, separator, TABLE_ROWS + 1, truncated),
    [text, separator, truncated],
  );
  const [head, ...body] = table.rows;
  if (!head) return <p className="pk-muted">The file is empty.</p>;
  return (
    <div className="art-table-wrap" tabIndex={0} aria-label="Table preview">
      <table className="pk-table">
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.more ? (
        <p className="pk-muted">First {body.length} rows shown; download the file for all.</p>
      ) : null}
    </div>
  );
}

export function ImageView({ content }: { content: ArtifactContent }) {
  const url = useBlobUrl(content, imageMime(content.path));
  const [broken, setBroken] = useState(false);
  if (broken) return <p className="pk-muted">This image cannot be decoded.</p>;
  return (
    <div className="art-image">
      <img src={url} alt={baseName(content.path)} onError={() => setBroken(true)} />
    </div>
  );
}

export function MarkdownView({ text }: { text: string }) {
  return <SafeMarkdown text={text} className="art-markdown" />;
}

/**
 * The preview's own policy, first in the document: the empty sandbox already stops scripts, forms and
 * plugins, but not loads — an `<img src="https://tracker/…">` in an artifact would tell a stranger the
 * file was opened, and from where. Nothing is fetched; inline styles and data: images still show.
 */
export const HTML_PREVIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'";

export function htmlPreviewDocument(text: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${HTML_PREVIEW_CSP}">${text}`;
}

export function HtmlView({ text, path }: { text: string; path: string }) {
  return (
    <>
      <p className="pk-muted">Shown without scripts, forms or plugins (sandboxed).</p>
      <iframe
        className="art-html"
        title={`HTML preview of ${baseName(path)}`}
        sandbox=""
        srcDoc={htmlPreviewDocument(text)}
      />
    </>
  );
}

/** Size, SHA-256 (only of a whole read) and a download of what was read. */
export function FileFacts({ content }: { content: ArtifactContent }) {
  const [hash, setHash] = useState<string | null>(null);
  const url = useBlobUrl(content, 'application/octet-stream');
  useEffect(() => {
    if (content.truncated) return;
    let live = true;
    void sha256Hex(contentBytes(content)).then((h) => live && setHash(h));
    return () => {
      live = false;
    };
  }, [content]);
  return (
    <dl className="pk-facts art-facts">
      <div className="pk-fact">
        <dt>Size</dt>
        <dd>
          {formatBytes(content.size)} ({content.size.toLocaleString()} bytes)
        </dd>
      </div>
      <div className="pk-fact">
        <dt>SHA-256</dt>
        <dd>
          {content.truncated ? (
            <span className="pk-muted">not computed: only the first part was read</span>
          ) : (
            <code className="art-hash">{hash ?? 'computing…'}</code>
          )}
        </dd>
      </div>
      <div className="pk-fact">
        <dt>Download</dt>
        <dd>
          {content.truncated ? (
            <span className="pk-muted">too large to download from the preview</span>
          ) : (
            <a href={url} download={baseName(content.path)}>
              Save {baseName(content.path)}
            </a>
          )}
        </dd>
      </div>
    </dl>
  );
}
