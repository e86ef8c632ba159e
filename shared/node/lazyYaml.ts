/**
 * The `yaml` package, loaded on first use. Loading it costs ~60 ms (some forty modules) and most
 * commands never need it: MLflow's meta.yaml files are read by meta.ts's flat reader, and policies are
 * loaded only where a store has one. A static import would load it at every CLI start (the CLI bundle
 * keeps yaml external, and ESM hoists external imports); `require` defers it, and esbuild bundles it
 * lazily where yaml is inside the bundle (Electron's main, the FileStore worker).
 */
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yamlModule(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred loading is the point
  loaded ??= require('yaml') as typeof Yaml;
  return loaded;
}
