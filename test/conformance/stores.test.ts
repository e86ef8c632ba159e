/**
 * Runs the TrackingStore contract against every local store of both fixture versions.
 */
import { join } from 'node:path';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { SqliteStore } from '../../shared/node/stores/sqlite/SqliteStore';
import { VERSIONS, fixtureDir } from './captures';
import { expectedFor } from './expected';
import { trackingStoreContract } from './trackingStoreContract';

for (const version of VERSIONS) {
  const dir = fixtureDir(version);
  trackingStoreContract(
    `FileStore ${version}`,
    () => new FileStore(join(dir, 'mlruns')),
    expectedFor(version, 'file'),
  );
  trackingStoreContract(
    `SqliteStore ${version}`,
    () => new SqliteStore(join(dir, 'mlflow.db')),
    expectedFor(version, 'sqlite'),
  );
}
