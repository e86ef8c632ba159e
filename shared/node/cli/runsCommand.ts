/**
 * `runlens runs STORE …`: searches runs with MLflow's filter/order_by grammar and prints them as a
 * table (a few common metrics and params), as CSV (every key), or as MLflow's runs/search JSON.
 */
import { runsSearchJson } from '../../common/mlflowJson';
import type { Run } from '../../common/types';
import {
  flag,
  intValue,
  parse,
  positionalsExactly,
  stringList,
  stringValue,
  viewType,
} from './args';
import { runsCsv } from './csv';
import { type CliIo, EXIT_OK, UsageError } from './io';
import { printMlflowJson } from './jsonOutput';
import { allPages, openSession, reportProblems, RUNS_PAGE_SIZE, unwrap } from './storeSession';
import { commonKeys, formatMetric, formatTable, formatTime } from './table';
import { COMMAND_USAGE } from './usage';
import { ownValue } from '../../common/records';

/** How many metric and param columns the table shows (the most common keys); --csv has them all. */
const TABLE_METRICS = 3;
const TABLE_PARAMS = 2;

export function runsTable(runs: readonly Run[]): string {
  if (runs.length === 0) return 'No runs found.\n';
  const metricKeys = commonKeys(
    runs.map((r) => r.data.metrics),
    TABLE_METRICS,
  );
  const paramKeys = commonKeys(
    runs.map((r) => r.data.params),
    TABLE_PARAMS,
  );
  const headers = [
    'RUN ID',
    'NAME',
    'STATUS',
    'START TIME',
    ...metricKeys,
    ...paramKeys.map((k) => `params.${k}`),
  ];
  const rows = runs.map((run) => [
    run.info.runId,
    run.info.runName,
    run.info.status,
    formatTime(run.info.startTime),
    ...metricKeys.map((k) => {
      const metric = ownValue(run.data.metrics, k);
      return metric ? formatMetric(metric.value) : '';
    }),
    ...paramKeys.map((k) => ownValue(run.data.params, k) ?? ''),
  ]);
  return formatTable(headers, rows);
}

export async function runsCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(args, {
    'experiment-id': { type: 'string', multiple: true },
    filter: { type: 'string' },
    'order-by': { type: 'string', multiple: true },
    view: { type: 'string' },
    'max-results': { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    strict: { type: 'boolean' },
  });
  if (flag(parsed, 'help')) {
    io.stdout(COMMAND_USAGE.runs ?? '');
    return EXIT_OK;
  }
  const [location = ''] = positionalsExactly(parsed, ['STORE']);
  if (flag(parsed, 'json') && flag(parsed, 'csv'))
    throw new UsageError('choose one of --json and --csv');
  const limit = intValue(parsed, 'max-results', 1, Number.MAX_SAFE_INTEGER) ?? Infinity;
  const request = {
    viewType: viewType(parsed),
    ...(stringList(parsed, 'experiment-id')
      ? { experimentIds: stringList(parsed, 'experiment-id') }
      : {}),
    ...(stringValue(parsed, 'filter') !== undefined
      ? { filter: stringValue(parsed, 'filter') }
      : {}),
    ...(stringList(parsed, 'order-by') ? { orderBy: stringList(parsed, 'order-by') } : {}),
  };

  const session = await openSession(location, io);
  try {
    const runs = await allPages(
      async (page) => {
        const result = unwrap(
          await session.service.searchRuns({ storeId: session.storeId, ...request, ...page }),
        );
        return result.nextPageToken === undefined
          ? { items: result.runs }
          : { items: result.runs, nextPageToken: result.nextPageToken };
      },
      limit,
      RUNS_PAGE_SIZE,
    );
    if (flag(parsed, 'json')) printMlflowJson(io, runsSearchJson({ runs }));
    else if (flag(parsed, 'csv')) io.stdout(runsCsv(runs));
    else io.stdout(runsTable(runs));
    return await reportProblems(session, io, flag(parsed, 'strict'));
  } finally {
    await session.close();
  }
}
