#!/usr/bin/env node
// Entry point of the `runlens` command: runs the bundled CLI (built by `npm run build`), compiled with
// V8's code cache of the command (codeCache.js).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWithCodeCache } from './codeCache.js';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.cjs');
if (!existsSync(cli)) {
  console.error(
    'runlens: the app is not built yet. Run `npm run build` (npm install does it) and try again.',
  );
  process.exit(3);
}
const argv = process.argv.slice(2);
// Each command has its own cache, and so have `--help`/`--version` and the desktop app (no word, or
// a store's path).
const first = argv[0] ?? '';
const word = /^[a-z]+(-[a-z]+)*$/.test(first);
const variant = word ? first : first.startsWith('-') ? 'options' : 'app';
const loaded = loadWithCodeCache(cli, variant);
// A word that is no command (`runlens mlruns` opens that store in the app) would leave a file each.
const keep = () => {
  if (!word || loaded.exports.isCommand(variant)) loaded.saveCache();
};
// A command that keeps running (serve, the app) keeps its cache once it has started and answered.
const startedUp = setTimeout(keep, 3000);
startedUp.unref();
process.exitCode = await loaded.exports.main(argv);
clearTimeout(startedUp);
keep();
