/** Link builders of the governance screens (route map in renderer.md), in one place for the wiring. */
export interface GovernanceSearch {
  store?: string;
  outcome?: string;
  rule?: string;
  experiment?: string;
  /** The entity whose checklist is open: `<kind>:<id>`. */
  entity?: string;
  /** YYYY-MM-DD: evaluate as of that day (reproducible results, like `--as-of`). */
  asOf?: string;
}

export function governanceLink(search: GovernanceSearch = {}) {
  return { to: '/governance', search: dropEmpty(search) } as const;
}

export function governanceModelLink(storeId: string, name: string, asOf?: string) {
  return {
    to: '/governance/$storeId/model/$name',
    params: { storeId, name },
    search: dropEmpty({ asOf }),
  } as const;
}

/** A badge's link: the dashboard of the store with that entity's checklist open. */
export function entityChecklistLink(storeId: string, kind: string, id: string) {
  return governanceLink({ store: storeId, entity: `${kind}:${id}` });
}

function dropEmpty<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}
