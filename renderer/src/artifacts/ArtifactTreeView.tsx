/**
 * The artifact tree: each folder lists its entries (one cached listArtifacts) only when opened, shows
 * them a page at a time, and a file is selected by navigating (the path goes to the URL). The selected
 * path is revealed: its folders open and its row scrolls into view, also when the URL changes while the
 * tree stays mounted (a link to another file of the same run). Arrow keys move through the rows.
 */
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
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
  const holdsSelected = entry.isDir && ancestorsOf(selected).includes(entry.path);
  const [open, setOpen] = useState(holdsSelected || selected === entry.path);
  const isSelected = selected === entry.path;
  // A newly selected path inside this folder opens it (the user may have folded it, or the tree was
  // drawn for another path); folding it afterwards stays possible. Adjusted while rendering, as React
  // advises for state that follows a prop, so the folder opens in the same paint.
  const [seen, setSeen] = useState(selected);
  if (seen !== selected) {
    setSeen(selected);
    if (holdsSelected) setOpen(true);
  }
  const row = useRef<HTMLAnchorElement & HTMLButtonElement>(null);
  useEffect(() => {
    if (isSelected) row.current?.scrollIntoView({ block: 'nearest' });
  }, [isSelected]);
  const indent = { paddingLeft: depth * 14 + 4 };
  if (entry.isDir) {
    return (
      <li role="treeitem" aria-expanded={open} aria-selected={isSelected}>
        <button
          ref={row}
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
        ref={row}
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

/**
 * Up/Down move the focus through the visible rows, Right opens a folder (or enters it), Left folds it
 * (or goes to its folder): the tree pattern's keys, on rows that stay ordinary buttons and links.
 */
function onTreeKey(event: KeyboardEvent<HTMLElement>) {
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('.art-row')];
  const here = rows.indexOf(document.activeElement as HTMLElement);
  if (here < 0) return;
  const current = rows[here] as HTMLElement;
  const item = current.closest('[role="treeitem"]');
  const expanded = item?.getAttribute('aria-expanded');
  let next: HTMLElement | undefined;
  if (event.key === 'ArrowDown') next = rows[here + 1];
  else if (event.key === 'ArrowUp') next = rows[here - 1];
  else if (event.key === 'Home') next = rows[0];
  else if (event.key === 'End') next = rows[rows.length - 1];
  else if (event.key === 'ArrowRight' && expanded === 'false') current.click();
  else if (event.key === 'ArrowRight' && expanded === 'true') next = rows[here + 1];
  else if (event.key === 'ArrowLeft' && expanded === 'true') current.click();
  else if (event.key === 'ArrowLeft')
    next =
      item?.parentElement
        ?.closest('[role="treeitem"]')
        ?.querySelector<HTMLElement>(':scope > .art-row') ?? undefined;
  else return;
  event.preventDefault();
  next?.focus();
}

export function ArtifactTreeView(props: TreeProps) {
  return (
    <nav className="art-tree" aria-label="Artifact files" onKeyDown={onTreeKey}>
      <Folder {...props} path="" depth={0} />
    </nav>
  );
}
