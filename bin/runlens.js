#!/usr/bin/env node
// Entry point of the `runlens` command: loads the bundled CLI (built by `npm run build`).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.mjs');
if (!existsSync(cli)) {
  console.error(
    'runlens: the app is not built yet. Run `npm run build` (npm install does it) and try again.',
  );
  process.exit(3);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
