// Builds everything the app runs from, into dist/:
//   dist/cli.mjs               the CLI, service, stores and web host (bin/runlens.js loads it)
//   dist/fileStoreWorker.cjs   worker thread that parses mlruns run folders
//   dist/electron/main.cjs     Electron main process
//   dist/electron/preload.cjs  Electron preload (sandboxed: bundled, no requires but 'electron')
//   dist/renderer/             the React UI (Vite)
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const external = ['better-sqlite3', 'yaml', 'electron'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external,
};

await esbuild({
  ...common,
  entryPoints: [resolve(root, 'shared/node/cli/main.ts')],
  outfile: resolve(root, 'dist/cli.mjs'),
  format: 'esm',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});

// What the packaged desktop app runs (the worker and Electron's main) carries its pure-JS dependency
// (yaml) inside the bundle, so the installers need no node_modules at all (electron-builder.yml).
// better-sqlite3 stays external: it is a native module for Node's ABI, left out of the package, where
// node:sqlite reads the databases instead.
const selfContained = { ...common, external: ['better-sqlite3', 'electron'] };

// FileStore parsing workers: found next to dist/cli.mjs (and one folder up from dist/electron/).
await esbuild({
  ...selfContained,
  entryPoints: [resolve(root, 'shared/node/stores/file/index/fileStoreWorker.ts')],
  outfile: resolve(root, 'dist/fileStoreWorker.cjs'),
  format: 'cjs',
});

if (existsSync(resolve(root, 'electron/main.ts'))) {
  await esbuild({
    ...selfContained,
    entryPoints: [resolve(root, 'electron/main.ts')],
    outfile: resolve(root, 'dist/electron/main.cjs'),
    format: 'cjs',
  });
  await esbuild({
    ...common,
    entryPoints: [resolve(root, 'electron/preload.ts')],
    outfile: resolve(root, 'dist/electron/preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
}

await viteBuild({ configFile: resolve(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
