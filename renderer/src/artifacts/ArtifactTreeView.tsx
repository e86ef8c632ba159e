/**
 * The artifact tree: each folder lists its entries (one cached listArtifacts) only when opened, shows
 * them a page at a time, and a file is selected by navigating (the path goes to the URL).
 */
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { FileInfo } from '../../../shared/common/types';
import { useApiQuery } from '../api/queries';
import { artifactLink } from '../links';
import { ErrorNote } from '../pageKit/PageStates';
import { ancestorsOf, pageOf, sortEntries } from './artifactTree';
import { baseName, formatBytes } from './previewKind';

interface TreeProps {
  storeId: string;
  runId: string;
  selected: string;
}

function Folder(props: TreeProps & { path: string; depth: number }) {
  const { storeId, runId, path, depth } = props;
  const list = useApiQuery('listArtifacts', { storeId, runId, path });
  const [pages, setPages] = useState(1);
  if (list.isError)
    return <ErrorNote title={`Cannot list ${path || 'artifacts'}`} error={list.error} />;
  if (!list.data)
    return (
      <div className="art-loading pk-muted" style={{ paddingLeft: depth * 14 }}>
        Loading…
      </div>
    );
  if (list.data.length === 0 && depth === 0) {
    return (
      <p className="pk-muted art-none">
        This run has no artifacts. Files logged with <code>mlflow.log_artifact</code> appear here.
      </p>
    );
  }
  const { shown, hidden } = pageOf(sortEntries(list.data), pages);
  return (
    <ul role={depth === 0 ? 'tree' : 'group'} aria-label={depth === 0 ? 'Artifacts' : undefined}>
      {shown.map((entry) => (
        <Entry key={entry.path} {...props} entry={entry} depth={depth} />
      ))}
      {hidden > 0 ? (
        <li role="none" style={{ paddingLeft: depth * 14 }}>
          <button type="button" className="pk-button art-more" onClick={() => setPages(pages + 1)}>
            Show {Math.min(hidden, 200)} more of {hidden}
          </button>
        </li>
      ) : null}
    </ul>
  );
}

function Entry(props: TreeProps & { entry: FileInfo; depth: number }) {
  const { storeId, runId, entry, depth, selected } = props;
  const startsOpen = entry.isDir && ancestorsOf(selected).includes(entry.path);
  const [open, setOpen] = useState(startsOpen || selected === entry.path);
  const isSelected = selected === entry.path;
  const indent = { paddingLeft: depth * 14 + 4 };
  if (entry.isDir) {
    return (
      <li role="treeitem" aria-expanded={open} aria-selected={isSelected}>
        <button
          type="button"
          className={`art-row art-dir${isSelected ? ' selected' : ''}`}
          style={indent}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true" className="art-caret">
            {open ? '▾' : '▸'}
          </span>
          {baseName(entry.path)}/
        </button>
        {open ? <Folder {...props} path={entry.path} depth={depth + 1} /> : null}
      </li>
    );
  }
  return (
    <li role="treeitem" aria-selected={isSelected}>
      <Link
        {...artifactLink(storeId, runId, entry.path)}
        className={`art-row art-file${isSelected ? ' selected' : ''}`}
        style={indent}
        title={entry.path}
      >
        <span className="art-name">{baseName(entry.path)}</span>
        {entry.fileSize !== undefined ? (
          <span className="art-size">{formatBytes(entry.fileSize)}</span>
        ) : null}
      </Link>
    </li>
  );
}

export function ArtifactTreeView(props: TreeProps) {
  return (
    <nav className="art-tree" aria-label="Artifact files">
      <Folder {...props} path="" depth={0} />
    </nav>
  );
}
