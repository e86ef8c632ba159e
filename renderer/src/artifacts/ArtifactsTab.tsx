/**
 * The run page's artifacts tab: the tree on the left, the selected file's preview on the right. The
 * selected path comes from the URL; its FileInfo (size, file or folder) from the parent folder's listing,
 * which the tree has already cached.
 */
import { useApiQuery } from '../api/queries';
import { CopyButton } from '../pageKit/CopyButton';
import { EmptyNote, ErrorNote } from '../pageKit/PageStates';
import { ArtifactPreview } from './ArtifactPreview';
import { ArtifactTreeView } from './ArtifactTreeView';
import { parentOf } from './artifactTree';
import './artifacts.css';

export function ArtifactsTab({
  storeId,
  runId,
  path,
}: {
  storeId: string;
  runId: string;
  path: string;
}) {
  const parent = useApiQuery(
    'listArtifacts',
    path ? { storeId, runId, path: parentOf(path) } : null,
  );
  const entry = parent.data?.find((f) => f.path === path);
  return (
    <div className="art-layout">
      <ArtifactTreeView storeId={storeId} runId={runId} selected={path} />
      <div className="art-preview" aria-live="polite">
        {!path ? (
          <EmptyNote title="Select a file to preview it.">
            Text, logs, JSON, YAML, CSV, images, Markdown and HTML are shown here; other files with
            their size and SHA-256.
          </EmptyNote>
        ) : parent.isError ? (
          <ErrorNote title={`Cannot open ${path}`} error={parent.error} />
        ) : !parent.data ? null : !entry ? (
          <EmptyNote title={`No artifact at “${path}”.`}>
            It may have been removed. Pick a file in the tree.
          </EmptyNote>
        ) : entry.isDir ? (
          <EmptyNote title={`${path}/ is a folder.`}>Pick a file inside it.</EmptyNote>
        ) : (
          <>
            <div className="art-path">
              <code>{path}</code>
              <CopyButton value={path} label="Copy artifact path" />
            </div>
            <ArtifactPreview key={path} storeId={storeId} runId={runId} file={entry} />
          </>
        )}
      </div>
    </div>
  );
}
