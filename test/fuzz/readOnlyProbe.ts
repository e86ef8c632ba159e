/**
 * Test helper, bundled and run as its own process by readOnlyStore.test.ts (possibly as a non-root
 * user): opens each STORE argument through the InspectorService, as the app does, and reads every run,
 * metric history and artifact (listing every folder, reading the start of every file). Prints one JSON
 * line per store with the counts, so the test can compare them with the same store on a writable disk.
 */
import type { FileInfo } from '../../shared/common/types';
import { InspectorService } from '../../shared/node/service/InspectorService';
import { allRunPages, valueOf } from '../support/serviceCalls';

async function probe(service: InspectorService, location: string): Promise<object> {
  const info = valueOf(await service.openStore({ location }), 'openStore');
  const storeId = info.storeId;
  const runs = await allRunPages(service, { storeId, viewType: 'ALL' }, 1000);
  let points = 0;
  let files = 0;
  let bytes = 0;
  for (const run of runs) {
    const runId = run.info.runId;
    for (const key of Object.keys(run.data.metrics))
      points += valueOf(
        await service.getMetricHistory({ storeId, runId, key }),
        'getMetricHistory',
      ).length;
    const folders = [''];
    for (let path = folders.pop(); path !== undefined; path = folders.pop()) {
      const entries: FileInfo[] = valueOf(
        await service.listArtifacts({ storeId, runId, path }),
        'listArtifacts',
      );
      for (const entry of entries) {
        if (entry.isDir) folders.push(entry.path);
        else {
          files += 1;
          const content = valueOf(
            await service.readArtifact({ storeId, runId, path: entry.path, maxBytes: 4096 }),
            'readArtifact',
          );
          bytes += Math.min(content.size, 4096);
        }
      }
    }
  }
  const problems = valueOf(await service.getStoreProblems({ storeId }), 'getStoreProblems');
  return { kind: info.kind, runs: runs.length, points, files, bytes, problems: problems.length };
}

const service = new InspectorService();
try {
  for (const location of process.argv.slice(2))
    process.stdout.write(`${JSON.stringify(await probe(service, location))}\n`);
} catch (err) {
  process.stderr.write(`probe failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await service.dispose();
}
