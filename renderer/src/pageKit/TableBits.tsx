/** Small pieces every table of these screens repeats: the header row and a link to a run by id. */
import { Link } from '@tanstack/react-router';
import { runLink } from '../links';

export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A run id as a link to its run page (first 12 characters unless `full`), or a dash when unknown. */
export function RunIdLink(props: { storeId: string; runId: string | null; full?: boolean }) {
  if (!props.runId) return <span className="pk-muted">—</span>;
  return (
    <Link {...runLink(props.storeId, props.runId)}>
      <code>{props.full ? props.runId : props.runId.slice(0, 12)}</code>
    </Link>
  );
}
