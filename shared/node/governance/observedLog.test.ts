/** Observed history: records only changes, derives the lifecycle timeline, detects any edit of the log. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotOf, timeline, type RegistrySnapshot } from '../../common/governance/lifecycle';
import { InspectorService } from '../service/InspectorService';
import { defaultDataDir, logPathFor, readLog, recordObservation, verifyChain } from './observedLog';
import { DEMO, openFixture } from '../../../test/support/governance';

const tmp = mkdtempSync(join(tmpdir(), 'runlens-observed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function demoSnapshot(): Promise<RegistrySnapshot> {
  const store = openFixture(DEMO, 'sqlite');
  try {
    await store.open();
    return snapshotOf(await store.listRegisteredModels(), await store.listModelVersions());
  } finally {
    await store.close();
  }
}

/** The demo registry as it was before v2 was promoted: @champion on v1, v1 not yet archived. */
function earlier(now: RegistrySnapshot): RegistrySnapshot {
  return {
    models: now.models.map((m) =>
      m.name !== 'credit-approval'
        ? m
        : {
            ...m,
            aliases: { champion: '1' },
            versions: m.versions
              .filter((v) => v.version !== '3')
              .map((v) => (v.version === '1' ? { ...v, stage: 'None' } : v)),
          },
    ),
  };
}

describe('observed history', () => {
  it('records changes only and tells the lifecycle story', async () => {
    const path = join(tmp, 'a.jsonl');
    const now = await demoSnapshot();
    recordObservation(path, earlier(now), new Date('2026-12-04T10:00:00Z'));
    recordObservation(path, earlier(now), new Date('2026-12-05T10:00:00Z')); // unchanged: not recorded
    const entries = recordObservation(path, now, new Date('2026-12-06T10:00:00Z'));
    expect(entries).toHaveLength(2);
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 2, brokenAt: null });
    const texts = timeline(entries, 'credit-approval').map((e) => `${e.observedAt} ${e.text}`);
    expect(texts).toEqual([
      '2026-12-04T10:00:00.000Z model first seen with versions v1, v2',
      '2026-12-04T10:00:00.000Z @champion → v1 (first seen)',
      '2026-12-06T10:00:00.000Z stage of v1: None → Archived',
      '2026-12-06T10:00:00.000Z v3 first seen (stage None)',
      '2026-12-06T10:00:00.000Z @challenger set to v3',
      '2026-12-06T10:00:00.000Z @champion moved v1 → v2',
    ]);
  });

  it('detects an edited line and never extends a broken chain', async () => {
    const path = join(tmp, 'b.jsonl');
    const now = await demoSnapshot();
    recordObservation(path, earlier(now), new Date('2026-12-04T10:00:00Z'));
    recordObservation(path, now, new Date('2026-12-06T10:00:00Z'));
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"champion":"1"', '"champion":"2"'));
    expect(verifyChain(readLog(path))).toEqual({ ok: false, entries: 2, brokenAt: 0 });
    // Dropping the first line breaks the link too.
    writeFileSync(path, text.split('\n').slice(1).join('\n'));
    expect(verifyChain(readLog(path)).ok).toBe(false);
    const after = recordObservation(path, earlier(now), new Date('2026-12-07T10:00:00Z'));
    expect(after).toHaveLength(1);
  });

  it('is served by the service, in the data folder and never in the store', async () => {
    const dataDir = join(tmp, 'data');
    const service = new InspectorService({ dataDir: () => dataDir });
    try {
      const info = await service.openStore({ location: join(DEMO, 'mlruns') });
      if (!info.ok) throw new Error(info.error.message);
      const first = await service.getObservedHistory({
        storeId: info.value.storeId,
        model: 'quick-hack',
      });
      if (!first.ok) throw new Error(first.error.message);
      expect(first.value.logPath).toBe(logPathFor(dataDir, join(DEMO, 'mlruns')));
      expect(first.value.chain).toEqual({ ok: true, entries: 1, brokenAt: null });
      expect(first.value.events.map((e) => e.text)).toEqual([
        'model first seen with versions v1',
        '@prod → v1 (first seen)',
      ]);
      const again = await service.getObservedHistory({ storeId: info.value.storeId });
      expect(again.ok && again.value.chain.entries).toBe(1);
    } finally {
      await service.dispose();
    }
  });

  it('keeps its data in RUNLENS_DATA_DIR, else XDG_DATA_HOME/runlens, else ~/.local/share/runlens', () => {
    expect(defaultDataDir({ RUNLENS_DATA_DIR: '/d' }, '/h')).toBe('/d');
    expect(defaultDataDir({ XDG_DATA_HOME: '/x' }, '/h')).toBe('/x/runlens');
    expect(defaultDataDir({ XDG_DATA_HOME: 'rel' }, '/h')).toBe('/h/.local/share/runlens');
  });
});
