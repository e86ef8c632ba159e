/**
 * What this database's schema has. MLflow's SQL schema grew over 50+ alembic revisions (1.x has no
 * latest_metrics, no experiment timestamps, no datasets or aliases; 3.x adds logged models and traces;
 * 3.8+ has ~40 tables), so every reader asks here instead of assuming: a missing optional table gives
 * empty results, a missing column a default.
 */
import { StoreError } from '../../../common/errors';

interface Queryable {
  all<T>(sql: string, params?: readonly (string | number | null)[]): T[];
  get<T>(sql: string, params?: readonly (string | number | null)[]): T | undefined;
  readonly path: string;
}

/** Columns every MLflow SQL schema (1.0 to 3.x) has and every listing reads. */
const REQUIRED_COLUMNS: readonly [string, string][] = [
  ['experiments', 'experiment_id'],
  ['experiments', 'name'],
  ['runs', 'run_uuid'],
  ['runs', 'experiment_id'],
];

export class SqliteSchema {
  private tables = new Map<string, { sql: string }>();
  private readonly columns = new Map<string, Set<string>>();
  private alembic: string | undefined;

  constructor(private readonly conn: Queryable) {}

  /** Reads the table list and the alembic revision; throws STORE_UNREADABLE if this is not MLflow's. */
  load(): void {
    const rows = this.conn.all<{ name: string; sql: string | null }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table'",
    );
    this.tables = new Map(rows.map((r) => [r.name, { sql: r.sql ?? '' }]));
    this.columns.clear();
    if (!this.hasTable('experiments') || !this.hasTable('runs')) {
      throw new StoreError(
        'STORE_UNREADABLE',
        `${this.conn.path} is not an MLflow tracking database (it has no experiments/runs tables)`,
      );
    }
    // Tables of those names from another application: every reader's queries would fail with SQLite's
    // "no such column" (an INTERNAL error) on the first listing (found by test/fuzz).
    for (const [table, column] of REQUIRED_COLUMNS) {
      if (!this.hasColumn(table, column))
        throw new StoreError(
          'STORE_UNREADABLE',
          `${this.conn.path} is not an MLflow tracking database (its ${table} table has no ${column} column)`,
        );
    }
    this.alembic = this.hasTable('alembic_version')
      ? this.conn.get<{ version_num: string }>('SELECT version_num FROM alembic_version LIMIT 1')
          ?.version_num
      : undefined;
  }

  /** The alembic revision (e.g. `acf3f17fdcc7`), undefined for a database never migrated by alembic. */
  get version(): string | undefined {
    return this.alembic;
  }

  hasTable(table: string): boolean {
    return this.tables.has(table);
  }

  hasColumn(table: string, column: string): boolean {
    return this.columnsOf(table).has(column);
  }

  /** The first of `candidates` that `table` has (schemas renamed some columns), else undefined. */
  pick(table: string, ...candidates: string[]): string | undefined {
    const cols = this.columnsOf(table);
    return candidates.find((c) => cols.has(c));
  }

  /** False for a `WITHOUT ROWID` table (MLflow never makes one; a hand-built copy might). */
  hasRowid(table: string): boolean {
    return !/WITHOUT\s+ROWID/i.test(this.tables.get(table)?.sql ?? '');
  }

  private columnsOf(table: string): Set<string> {
    let cols = this.columns.get(table);
    if (!cols) {
      cols = new Set(
        this.hasTable(table)
          ? this.conn
              .all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [table])
              .map((c) => c.name)
          : [],
      );
      this.columns.set(table, cols);
    }
    return cols;
  }
}
