/**
 * The REST client of MLflow tracking servers: what the rest of Runlens may use.
 */
export { RestStore, type SampledHistoryOptions } from './RestStore';
export { testConnection, type ConnectionTestResult } from './testConnection';
export {
  restOptionsFromEnv,
  authorizationHeader,
  type RestAuth,
  type RestStoreOptions,
} from './options';
export { EndpointMissingError } from './httpErrors';
