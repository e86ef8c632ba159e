/** A searchable key/value table (params, tags), with a long or multi-line value kept readable. */
import { useState } from 'react';
import { TableHead } from '../pageKit/TableBits';
import { EmptyNote } from '../pageKit/PageStates';
import { filterEntries } from './runFacts';

export function KeyValueTable(props: {
  entries: [string, string][];
  noun: string;
  emptyHint: string;
  searchable?: boolean;
}) {
  const [query, setQuery] = useState('');
  if (props.entries.length === 0) {
    return <EmptyNote title={`No ${props.noun}.`}>{props.emptyHint}</EmptyNote>;
  }
  const shown = filterEntries(props.entries, query);
  return (
    <div>
      {props.searchable ? (
        <input
          className="pk-search"
          type="search"
          aria-label={`Search ${props.noun}`}
          placeholder={`Search ${props.entries.length} ${props.noun}`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      ) : null}
      <table className="pk-table kv-table">
        <TableHead columns={['Key', 'Value']} />
        <tbody>
          {shown.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">
                <code>{k}</code>
              </th>
              <td className="kv-value">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="pk-muted">Nothing matches “{query}”.</p> : null}
    </div>
  );
}
