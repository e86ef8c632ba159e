/**
 * What each fixture store must answer, where the stores differ for a documented reason.
 *
 * Both stores of one MLflow version were written by the same generator, so almost everything is shared.
 * The differences are MLflow's, not ours (fixture READMEs):
 * - 3.1 FileStore: `iris-logreg-small` v2 → Production and deleting v3 raised a RepresenterError in
 *   MLflow's FileStore registry (ids-file.json `failed_operations`), so there v2 stayed `None` and v3 is
 *   still a live version.
 * - 3.1 FileStore: `log_model` appended one exact duplicate point to every metric of the model runs, so
 *   `loss` of `logreg-C0` has 201 stored points (200 in SQLite, whose primary key drops duplicates), and
 *   its `system/cpu_utilization_percentage` file holds each of its 60 points twice (120 lines).
 */
import { type FixtureIds, type FixtureVersion, loadIds } from './captures';

export type StoreFlavor = 'file' | 'sqlite';

export interface Expected {
  version: FixtureVersion;
  flavor: StoreFlavor;
  /** Logical name → id for this store (ids-file.json / ids-sqlite.json). */
  ids: FixtureIds;
  /** Registered model → visible version → stage (deleted versions hidden). */
  modelVersions: Record<string, Record<string, string>>;
  /** Registered model → alias → version. */
  aliases: Record<string, Record<string, string>>;
  /** Stored points of `loss` of run `iris-0` (`logreg-C0`), exact duplicates included. */
  iris0LossPoints: number;
  /** Stored points of `system/cpu_utilization_percentage` of `iris-0` (60 distinct, all at step 0). */
  iris0CpuPoints: number;
  /** 3.x: LoggedModels of the model runs, and traces in `llm-eval ✨`. */
  loggedModels: number;
  traces: number;
  /** The run's model is a run artifact `model/` (2.x), not a LoggedModel (3.x). */
  modelInRunArtifacts: boolean;
}

const ALIASES = {
  'iris-classifier': { champion: '2', challenger: '3' },
  'iris-logreg-small': { prod: '2' },
};

export function expectedFor(version: FixtureVersion, flavor: StoreFlavor): Expected {
  const is3 = version.startsWith('mlflow-3.');
  const fileStore3 = is3 && flavor === 'file';
  const registryFailed = fileStore3;
  return {
    version,
    flavor,
    ids: loadIds(version, flavor),
    modelVersions: {
      'iris-classifier': { '1': 'Archived', '2': 'Production', '3': 'Staging' },
      'iris-logreg-small': registryFailed
        ? { '1': 'None', '2': 'None', '3': 'None' }
        : { '1': 'None', '2': 'Production' },
      'undocumented-model': { '1': 'None' },
      'forecast-model': {},
    },
    aliases: ALIASES,
    iris0LossPoints: registryFailed ? 201 : 200,
    iris0CpuPoints: fileStore3 ? 120 : 60,
    loggedModels: is3 ? 3 : 0,
    traces: is3 ? 3 : 0,
    modelInRunArtifacts: !is3,
  };
}

/** Every run name of the fixtures, by experiment name (both versions, both stores). */
export const RUN_NAMES: Record<string, string[]> = {
  Default: ['quick-test-0', 'quick-test-1', 'quick-test-2'],
  'iris-classification': [
    'hp-sweep',
    'hp-sweep-trial-0',
    'hp-sweep-trial-1',
    'hp-sweep-trial-2',
    'hp-sweep-trial-2-refit',
    'hp-sweep-trial-3',
    'logreg-C0',
    'logreg-C1',
    'logreg-C2',
    'logreg-C3',
    'oops-wrong-data',
  ],
  'team-a/forecasting': Array.from({ length: 10 }, (_, i) => `prophet-0${i}`),
  'llm-eval ✨': Array.from({ length: 5 }, (_, i) => `eval-prompt-v${i}`),
  'scratch-deleted': ['scratch-0', 'scratch-1'],
};
