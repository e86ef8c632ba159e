import type { Tags as TagMap } from '../../../shared/common/types';

/** Tags as small `key=value` chips, sorted by key. */
export function Tags({ tags }: { tags: TagMap }) {
  const entries = Object.entries(tags).sort((a, b) => a[0].localeCompare(b[0]));
  if (entries.length === 0) return <span className="pk-muted">—</span>;
  return (
    <>
      {entries.map(([k, v]) => (
        <span key={k} className="pk-tag" title={`${k}=${v}`}>
          {k}={v}
        </span>
      ))}
    </>
  );
}

/** A model version's aliases as `@alias` chips. */
export function Aliases({ aliases }: { aliases: string[] }) {
  return (
    <>
      {aliases.map((a) => (
        <span key={a} className="pk-tag alias">
          @{a}
        </span>
      ))}
    </>
  );
}
