/**
 * The preview of one artifact file: picks a view by kind, reads only what that view needs (text: a first
 * chunk, then more on demand — a 20 MB log never lands in the DOM at once), and asks before reading a
 * file above its kind's cap ("Open anyway").
 */
import { useState } from 'react';
import type { FileInfo } from '../../../shared/common/types';
import { useApiQuery } from '../api/queries';
import { ErrorNote, Skeleton } from '../pageKit/PageStates';
import { contentText } from './artifactBytes';
import {
  FileFacts,
  HtmlView,
  ImageView,
  JsonView,
  MarkdownView,
  TableView,
  TextView,
  YamlView,
} from './PreviewViews';
import {
  CHUNKED,
  formatBytes,
  LOAD_MORE_BYTES,
  previewKindOf,
  previewPlan,
  READ_LIMIT,
  TEXT_FIRST_BYTES,
  TEXT_MAX_BYTES,
} from './previewKind';

export function ArtifactPreview(props: { storeId: string; runId: string; file: FileInfo }) {
  const { storeId, runId, file } = props;
  const kind = previewKindOf(file.path);
  const size = file.fileSize;
  const [forced, setForced] = useState(false);
  const [chunk, setChunk] = useState(TEXT_FIRST_BYTES);
  const plan = previewPlan(kind, size, forced, chunk);
  const read = useApiQuery(
    'readArtifact',
    plan.read ? { storeId, runId, path: file.path, maxBytes: plan.maxBytes } : null,
    // Keep the shown chunk while the next one loads, so "Load more" does not flash a skeleton.
    { placeholderData: (previous) => previous },
  );

  if (!plan.read) {
    return (
      <div className="art-capped">
        <p>
          <strong>{file.path}</strong> is {formatBytes(size ?? 0)}
          {kind === 'binary'
            ? ', too large to hash or download from the preview.'
            : ', larger than the preview reads by default.'}
        </p>
        {plan.canOpenAnyway ? (
          <button type="button" className="pk-button" onClick={() => setForced(true)}>
            Open anyway
          </button>
        ) : (
          <p className="pk-muted">Open the run’s artifact folder with your own tools to use it.</p>
        )}
      </div>
    );
  }
  if (read.isError) return <ErrorNote title={`Cannot read ${file.path}`} error={read.error} />;
  if (!read.data) return <Skeleton label="Loading preview" lines={10} />;

  const content = read.data;
  const text = contentText(content);
  if (kind === 'binary' || (text === null && kind !== 'image')) {
    return (
      <>
        {kind !== 'binary' ? <p className="pk-muted">This file is not text; no preview.</p> : null}
        <FileFacts content={content} />
      </>
    );
  }
  const more =
    CHUNKED.has(kind) && content.truncated && chunk < Math.min(TEXT_MAX_BYTES, READ_LIMIT) ? (
      <div className="art-more-bar">
        <span className="pk-muted">
          Showing the first {formatBytes(chunk)} of {formatBytes(content.size)}.
        </span>{' '}
        <button
          type="button"
          className="pk-button"
          disabled={read.isFetching}
          onClick={() => setChunk(Math.min(chunk + LOAD_MORE_BYTES, TEXT_MAX_BYTES))}
        >
          {read.isFetching ? 'Loading…' : 'Load more'}
        </button>
      </div>
    ) : content.truncated && CHUNKED.has(kind) ? (
      <p className="pk-muted">
        The preview stops at {formatBytes(chunk)}; open the file with your own tools for the rest.
      </p>
    ) : null;

  return (
    <div className="art-view" data-kind={kind}>
      {kind === 'image' || kind === 'svg' ? <ImageView content={content} /> : null}
      {kind === 'text' && text !== null ? <TextView text={text} /> : null}
      {kind === 'json' && text !== null ? <JsonView text={text} /> : null}
      {kind === 'yaml' && text !== null ? <YamlView text={text} /> : null}
      {(kind === 'csv' || kind === 'tsv') && text !== null ? (
        <TableView
          text={text}
          separator={kind === 'csv' ? ',' : '\t'}
          truncated={content.truncated}
        />
      ) : null}
      {kind === 'markdown' && text !== null ? <MarkdownView text={text} /> : null}
      {kind === 'html' && text !== null ? <HtmlView text={text} path={file.path} /> : null}
      {more}
    </div>
  );
}
