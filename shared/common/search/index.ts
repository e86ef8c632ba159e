/**
 * MLflow's search grammar, evaluated in memory: every store returns all objects and search happens
 * once, here, above them — so a filter means the same thing whichever store the data comes from.
 * All errors are StoreError('INVALID_ARGUMENT') with a message naming the bad token and position.
 */
export {
  searchRuns,
  searchParsedRuns,
  parseRunQuery,
  parseRunFilter,
  matchesRun,
  parseRunOrderBy,
  compareRuns,
  runMatcher,
  inView,
  searchRows,
  RUN_READER,
  RUN_PAGE_LIMITS,
} from './runs';
export type {
  RunFilter,
  RunClause,
  RunEntity,
  OrderKey,
  SearchQuery,
  RunQuery,
  RunSearchRequest,
  RunReader,
  SearchedInfo,
} from './runs';
export { isMlflowRunQuery } from './mlflowGrammar';
export { searchExperiments } from './experiments';
export { searchRegisteredModels, searchModelVersions } from './models';
export { encodePageToken, decodePageToken } from './pageToken';
export type { Comparator, BoolExpr } from './parser';
