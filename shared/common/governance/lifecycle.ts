/**
 * Registry lifecycle from observed snapshots. MLflow keeps no history of alias or stage changes
 * (mlflow#2169), so Runlens records each registry state it observes and derives the timeline from
 * consecutive snapshots: "@champion moved v1 → v2", "version 3 first seen", "stage of v1: None → Archived".
 */
import type { ModelVersion, RegisteredModel } from '../types';

export interface RegistrySnapshot {
  models: {
    name: string;
    aliases: Record<string, string>;
    versions: { version: string; stage: string; status: string }[];
  }[];
}

export interface ObservedEntry {
  seq: number;
  observedAt: string;
  state: RegistrySnapshot;
  /** Hash of the previous entry ('' for the first). */
  prev: string;
  /** SHA-256 of the canonical JSON of {seq, observedAt, state, prev}. */
  hash: string;
}

export interface LifecycleEvent {
  model: string;
  /** When the change was first observed (it happened at or before this, after the previous snapshot). */
  observedAt: string;
  /** The previous observation: the change happened in (previousObservedAt, observedAt]. */
  previousObservedAt: string | null;
  kind:
    | 'model-first-seen'
    | 'version-first-seen'
    | 'version-gone'
    | 'alias-set'
    | 'alias-moved'
    | 'alias-removed'
    | 'stage-changed'
    | 'model-gone';
  text: string;
}

/** The part of a registry the timeline tracks, in a canonical order. */
export function snapshotOf(models: RegisteredModel[], versions: ModelVersion[]): RegistrySnapshot {
  return {
    models: [...models]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((m) => ({
        name: m.name,
        aliases: Object.fromEntries(
          [...m.aliases]
            .sort((a, b) => (a.alias < b.alias ? -1 : 1))
            .map((a) => [a.alias, a.version]),
        ),
        versions: versions
          .filter((v) => v.name === m.name)
          .sort((a, b) => Number(a.version) - Number(b.version))
          .map((v) => ({ version: v.version, stage: v.currentStage, status: v.status })),
      })),
  };
}

/** What changed between two snapshots (prev null: everything is first seen). */
export function diffSnapshots(
  prev: RegistrySnapshot | null,
  next: RegistrySnapshot,
  observedAt: string,
  previousObservedAt: string | null,
): LifecycleEvent[] {
  const events: LifecycleEvent[] = [];
  const ev = (model: string, kind: LifecycleEvent['kind'], text: string) =>
    events.push({ model, observedAt, previousObservedAt, kind, text });
  const before = new Map((prev?.models ?? []).map((m) => [m.name, m]));
  for (const m of next.models) {
    const old = before.get(m.name);
    before.delete(m.name);
    if (!old) {
      ev(
        m.name,
        'model-first-seen',
        `model first seen with versions ${m.versions.map((v) => `v${v.version}`).join(', ') || 'none'}`,
      );
      for (const [alias, v] of Object.entries(m.aliases))
        ev(m.name, 'alias-set', `@${alias} → v${v} (first seen)`);
      continue;
    }
    const oldVersions = new Map(old.versions.map((v) => [v.version, v]));
    for (const v of m.versions) {
      const o = oldVersions.get(v.version);
      oldVersions.delete(v.version);
      if (!o) ev(m.name, 'version-first-seen', `v${v.version} first seen (stage ${v.stage})`);
      else if (o.stage !== v.stage)
        ev(m.name, 'stage-changed', `stage of v${v.version}: ${o.stage} → ${v.stage}`);
    }
    for (const v of oldVersions.keys())
      ev(m.name, 'version-gone', `v${v} no longer in the registry`);
    const aliases = new Set([...Object.keys(old.aliases), ...Object.keys(m.aliases)]);
    for (const alias of [...aliases].sort()) {
      const a = old.aliases[alias];
      const b = m.aliases[alias];
      if (a === b) continue;
      if (a === undefined) ev(m.name, 'alias-set', `@${alias} set to v${b}`);
      else if (b === undefined) ev(m.name, 'alias-removed', `@${alias} removed (was v${a})`);
      else ev(m.name, 'alias-moved', `@${alias} moved v${a} → v${b}`);
    }
  }
  for (const name of before.keys()) ev(name, 'model-gone', 'model no longer in the registry');
  return events;
}

/** The lifecycle timeline of a log (optionally of one model), oldest first. */
export function timeline(entries: readonly ObservedEntry[], model?: string): LifecycleEvent[] {
  const out: LifecycleEvent[] = [];
  let prev: ObservedEntry | null = null;
  for (const e of entries) {
    out.push(
      ...diffSnapshots(prev?.state ?? null, e.state, e.observedAt, prev?.observedAt ?? null),
    );
    prev = e;
  }
  return model === undefined ? out : out.filter((e) => e.model === model);
}
