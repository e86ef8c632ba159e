// Builds everything the app runs from, into dist/:
//   dist/cli.cjs               the CLI, service, stores and web host (bin/runlens.js loads it, with
//                              V8's code cache: bin/codeCache.js)
//   dist/fileStoreWorker.cjs   worker thread that parses mlruns run folders
//   dist/electron/main.cjs     Electron main process
//   dist/electron/preload.cjs  Electron preload (sandboxed: bundled, no requires but 'electron')
//   dist/renderer/             the React UI (Vite), and theme.js (sets the theme before a first paint)
//   dist/shellPrerender*.mjs   the web host's prerendered shell: a worker and the renderer's bundle
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

// ES module bundles for Node keep `require` for the CommonJS dependencies they carry.
const requireBanner = {
  js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
};

// CommonJS, so that bin/runlens.js can compile it with V8's code cache (vm.Script's cachedData; Node 20
// has no code cache for ES modules). `import.meta.url` is the bundle's own URL, as in an ES module.
await esbuild({
  ...common,
  entryPoints: [resolve(root, 'shared/node/cli/main.ts')],
  outfile: resolve(root, 'dist/cli.cjs'),
  format: 'cjs',
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundleUrl' },
});

// What the packaged desktop app runs (the worker and Electron's main) carries its pure-JS dependency
// (yaml) inside the bundle, so the installers need no node_modules at all (electron-builder.yml).
// better-sqlite3 stays external: it is a native module for Node's ABI, left out of the package, where
// node:sqlite reads the databases instead.
const selfContained = { ...common, external: ['better-sqlite3', 'electron'] };

// FileStore parsing workers: found next to dist/cli.cjs (and one folder up from dist/electron/).
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

// The web host renders the app's shell into the page it sends (shared/node/web/shellPrerender.ts):
// a worker entry, and the renderer's components with React's server renderer, bundled for Node.
await esbuild({
  ...common,
  entryPoints: [resolve(root, 'shared/node/web/shellPrerenderWorker.ts')],
  outfile: resolve(root, 'dist/shellPrerenderWorker.mjs'),
  format: 'esm',
});
await esbuild({
  ...common,
  external: [],
  entryPoints: [resolve(root, 'renderer/src/prerender/renderShell.tsx')],
  outfile: resolve(root, 'dist/shellPrerender.mjs'),
  format: 'esm',
  jsx: 'automatic',
  // Styles come with the page; the server needs only the markup.
  loader: { '.css': 'empty' },
  define: { 'process.env.NODE_ENV': '"production"' },
  minify: true,
  banner: requireBanner,
});
// After Vite, which empties dist/renderer.
await esbuild({
  bundle: true,
  entryPoints: [resolve(root, 'renderer/src/ui/themeBoot.ts')],
  outfile: resolve(root, 'dist/renderer/theme.js'),
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  logLevel: 'warning',
});
