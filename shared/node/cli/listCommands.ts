/**
 * The small query commands: experiments, metric-history, models, model-versions. Each prints a table,
 * or with --json the JSON MLflow's REST API returns for the same question (all pages joined).
 */
import {
  experimentsSearchJson,
  metricHistoryJson,
  modelVersionsSearchJson,
  registeredModelsSearchJson,
} from '../../common/mlflowJson';
import type { Experiment, ModelVersion, RegisteredModel } from '../../common/types';
import { flag, parse, positionalsExactly, stringValue, viewType, type Parsed } from './args';
import { type CliIo, EXIT_OK } from './io';
import { mlflowJsonText, printMlflowJson } from './jsonOutput';
import { allPages, openSession, reportProblems, type StoreSession, unwrap } from './storeSession';
import { formatTable, formatTime } from './table';
import { COMMAND_USAGE } from './usage';

type Options = Parameters<typeof parse>[1];

/**
 * Parses, answers --help, opens the store named by the first positional, runs `work`, warns about
 * the parts of the store it could not read (exit 3 under --strict, as `runs` does), closes.
 */
async function withStore(
  command: string,
  args: string[],
  options: Options,
  positionals: readonly string[],
  io: CliIo,
  work: (session: StoreSession, parsed: Parsed, rest: string[]) => Promise<void>,
): Promise<number> {
  const parsed = parse(args, {
    ...options,
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
  });
  if (flag(parsed, 'help')) {
    io.stdout(COMMAND_USAGE[command] ?? '');
    return EXIT_OK;
  }
  const [location = '', ...rest] = positionalsExactly(parsed, positionals);
  const session = await openSession(location, io);
  try {
    await work(session, parsed, rest);
    return await reportProblems(session, io, flag(parsed, 'strict'));
  } finally {
    await session.close();
  }
}

function page<T>(
  items: T[],
  nextPageToken: string | undefined,
): { items: T[]; nextPageToken?: string } {
  return nextPageToken === undefined ? { items } : { items, nextPageToken };
}

export function experimentsTable(experiments: readonly Experiment[]): string {
  if (experiments.length === 0) return 'No experiments found.\n';
  return formatTable(
    ['ID', 'NAME', 'LIFECYCLE', 'CREATED', 'DESCRIPTION'],
    experiments.map((e) => [
      e.experimentId,
      e.name,
      e.lifecycleStage,
      formatTime(e.creationTime),
      e.tags['mlflow.note.content'] ?? '',
    ]),
  );
}

export function experimentsCommand(args: string[], io: CliIo): Promise<number> {
  return withStore(
    'experiments',
    args,
    { view: { type: 'string' } },
    ['STORE'],
    io,
    async (session, parsed) => {
      const view = viewType(parsed);
      const experiments = await allPages(async (p) => {
        const r = unwrap(
          await session.service.searchExperiments({
            storeId: session.storeId,
            viewType: view,
            ...p,
          }),
        );
        return page(r.experiments, r.nextPageToken);
      });
      io.stdout(
        flag(parsed, 'json')
          ? mlflowJsonText(experimentsSearchJson({ experiments }))
          : experimentsTable(experiments),
      );
    },
  );
}

export function metricHistoryCommand(args: string[], io: CliIo): Promise<number> {
  return withStore(
    'metric-history',
    args,
    {},
    ['STORE', 'RUN_ID', 'KEY'],
    io,
    async (session, parsed, [runId = '', key = '']) => {
      const points = unwrap(
        await session.service.getMetricHistory({ storeId: session.storeId, runId, key }),
      );
      if (flag(parsed, 'json')) {
        printMlflowJson(io, metricHistoryJson(points));
        return;
      }
      if (points.length === 0) {
        io.stdout(`No points of metric '${key}' in run ${runId}.\n`);
        return;
      }
      // Full precision: a history is read to see exact values, unlike the runs table.
      io.stdout(
        formatTable(
          ['STEP', 'TIMESTAMP', 'VALUE'],
          points.map((p) => [String(p.step), formatTime(p.timestamp, true), String(p.value)]),
        ),
      );
    },
  );
}

function latestVersionsText(model: RegisteredModel): string {
  return model.latestVersions.map((v) => `v${v.version} ${v.currentStage}`).join(', ');
}

export function modelsTable(models: readonly RegisteredModel[]): string {
  if (models.length === 0) return 'No registered models found.\n';
  return formatTable(
    ['NAME', 'LATEST VERSIONS', 'ALIASES', 'UPDATED', 'DESCRIPTION'],
    models.map((m) => [
      m.name,
      latestVersionsText(m),
      m.aliases.map((a) => `${a.alias}=v${a.version}`).join(', '),
      formatTime(m.lastUpdatedTimestamp),
      m.description ?? '',
    ]),
  );
}

export function modelsCommand(args: string[], io: CliIo): Promise<number> {
  return withStore('models', args, {}, ['STORE'], io, async (session, parsed) => {
    const registeredModels = await allPages(async (p) => {
      const r = unwrap(
        await session.service.searchRegisteredModels({ storeId: session.storeId, ...p }),
      );
      return page(r.registeredModels, r.nextPageToken);
    });
    io.stdout(
      flag(parsed, 'json')
        ? mlflowJsonText(registeredModelsSearchJson({ registeredModels }))
        : modelsTable(registeredModels),
    );
  });
}

export function modelVersionsTable(versions: readonly ModelVersion[]): string {
  if (versions.length === 0) return 'No model versions found.\n';
  return formatTable(
    ['NAME', 'VERSION', 'STAGE', 'STATUS', 'ALIASES', 'RUN ID', 'CREATED'],
    versions.map((v) => [
      v.name,
      v.version,
      v.currentStage,
      v.status,
      v.aliases.join(', '),
      v.runId ?? '',
      formatTime(v.creationTimestamp),
    ]),
  );
}

export function modelVersionsCommand(args: string[], io: CliIo): Promise<number> {
  return withStore(
    'model-versions',
    args,
    { name: { type: 'string' } },
    ['STORE'],
    io,
    async (session, parsed) => {
      const name = stringValue(parsed, 'name');
      const all = await allPages(async (p) => {
        const r = unwrap(
          await session.service.searchModelVersions({ storeId: session.storeId, ...p }),
        );
        return page(r.modelVersions, r.nextPageToken);
      });
      // Filtered here rather than with a `name = '…'` filter string, so that any name (quotes included) matches exactly.
      const modelVersions = name === undefined ? all : all.filter((v) => v.name === name);
      io.stdout(
        flag(parsed, 'json')
          ? mlflowJsonText(modelVersionsSearchJson({ modelVersions }))
          : modelVersionsTable(modelVersions),
      );
    },
  );
}
