/**
 * The `runlens` command (bundled to dist/cli.cjs; bin/runlens.js calls `main`). Resolves with the exit
 * code and never throws: every failure is one line on stderr starting with `runlens: `.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import packageJson from '../../../package.json';
import { parse, flag, intValue, stringList, stringValue } from './args';
import { canonicalHost, urlHostForm } from '../web/hostCheck';
import { CREDENTIAL_OPTIONS, credentialFlags, refuseSecretArgs } from './credentials';
import { defaultStore } from './defaultStore';
import {
  type CliIo,
  CliFailure,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_STORE,
  EXIT_USAGE,
  UsageError,
  oneLine,
} from './io';
import { neutraliseControls } from './terminalSafe';
import {
  experimentsCommand,
  metricHistoryCommand,
  modelVersionsCommand,
  modelsCommand,
} from './listCommands';
import { governanceCommand } from './governanceCommand';
import { processIo } from './processIo';
import { runsCommand } from './runsCommand';
import { serveStores } from './serve';
import { COMMAND_USAGE, TOP_USAGE } from './usage';
import { logInternalError } from '../log/errorLog';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  experiments: experimentsCommand,
  runs: runsCommand,
  'metric-history': metricHistoryCommand,
  models: modelsCommand,
  'model-versions': modelVersionsCommand,
  governance: governanceCommand,
};

/** The stores given, or the default one (telling the user when it is the demo). */
function storesOrDefault(stores: string[], io: CliIo): string[] {
  if (stores.length > 0) return stores;
  const fallback = defaultStore(io.cwd);
  if (!fallback)
    throw new CliFailure(
      'no store given, and no ./mlflow.db or ./mlruns here (and the demo store is missing)',
      EXIT_STORE,
    );
  const all = [fallback.location, ...fallback.extra];
  if (fallback.isDemo)
    io.stderr(
      `runlens: no ./mlflow.db or ./mlruns here; opening the demo store (${all.join(', ')})\n`,
    );
  return all;
}

async function serveCommand(args: string[], io: CliIo): Promise<number> {
  refuseSecretArgs(args);
  const parsed = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'host-name': { type: 'string', multiple: true },
    ...CREDENTIAL_OPTIONS,
  });
  if (flag(parsed, 'help')) {
    io.stdout(COMMAND_USAGE.serve ?? '');
    return EXIT_OK;
  }
  const port = intValue(parsed, 'port', 0, 65535);
  const host = stringValue(parsed, 'host');
  const hostNames = hostNameList(stringList(parsed, 'host-name') ?? []);
  const stores = storesOrDefault(parsed.positionals, io);
  const credentials = credentialFlags(parsed, stores);
  return serveStores(
    stores,
    { ...(port !== undefined ? { port } : {}), ...(host ? { host } : {}), hostNames },
    io,
    credentials,
  );
}

/** `--host-name` values must be bare names or addresses: they are matched against Host headers. */
function hostNameList(names: string[]): string[] {
  for (const name of names) {
    if (canonicalHost(urlHostForm(name)) === undefined)
      throw new UsageError(`--host-name '${name}' is not a host name or address (no port or path)`);
  }
  return names;
}

/** `runlens [STORE…]`: the desktop app. A bare word that is no path is most likely a mistyped command. */
async function desktopCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(args, {});
  if (flag(parsed, 'help')) {
    io.stdout(TOP_USAGE);
    return EXIT_OK;
  }
  for (const store of parsed.positionals) {
    if (/^[a-z][a-z-]*$/i.test(store) && !existsSync(resolve(io.cwd, store))) {
      throw new UsageError(`unknown command or missing store '${store}'`);
    }
  }
  // The desktop process may start elsewhere: hand it absolute paths (URIs stay as they are).
  const stores = storesOrDefault(parsed.positionals, io).map((s) =>
    /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s) && !/^[a-zA-Z]:[\\/]/.test(s)
      ? s
      : isAbsolute(s)
        ? s
        : resolve(io.cwd, s),
  );
  return io.launchDesktop(stores);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version') {
    io.stdout(`runlens ${packageJson.version}\n`);
    return EXIT_OK;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(TOP_USAGE);
    return EXIT_OK;
  }
  const command =
    first !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, first)
      ? COMMANDS[first]
      : undefined;
  return command ? command(rest, io) : desktopCommand(argv, io);
}

/** Whether `word` names a command (bin/runlens.js keeps a code cache per command). */
export function isCommand(word: string): boolean {
  return Object.prototype.hasOwnProperty.call(COMMANDS, word);
}

export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const given: CliIo = { ...processIo(), ...io };
  // Every line printed may carry store content (names, params, tags, paths): see terminalSafe.ts.
  const full: CliIo = {
    ...given,
    stdout: (text) => given.stdout(neutraliseControls(text)),
    stderr: (text) => given.stderr(neutraliseControls(text)),
    stdoutTerminalSafe: (text) => given.stdout(text),
  };
  const command =
    argv[0] !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, argv[0])
      ? argv[0]
      : undefined;
  try {
    return await run(argv, full);
  } catch (err) {
    if (err instanceof UsageError) {
      full.stderr(
        `runlens: ${oneLine(err.message)} (see runlens ${command ? `${command} ` : ''}--help)\n`,
      );
      return EXIT_USAGE;
    }
    if (err instanceof CliFailure) {
      full.stderr(`runlens: ${oneLine(err.message)}\n`);
      return err.exitCode;
    }
    full.stderr(
      `runlens: unexpected error: ${oneLine(err instanceof Error ? err.message : String(err))}\n`,
    );
    logInternalError((entry) => full.stderr(entry), `runlens ${command ?? ''}`.trim(), err);
    return EXIT_FAILURE;
  }
}
