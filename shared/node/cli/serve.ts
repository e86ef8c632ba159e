/**
 * `runlens serve`: opens the stores, starts the web host and prints the one line with the URL to open.
 * A store that cannot be opened is reported on stderr and skipped (it stays listed in the UI with
 * its reason); serving goes on. Stops cleanly on SIGINT/SIGTERM.
 */
import { ConnectionManager } from '../connections/ConnectionManager';
import { defaultConfigDir } from '../connections/configDir';
import { MemoryVault } from '../connections/SecretVault';
import { InspectorService } from '../service/InspectorService';
import { defaultCacheDir } from '../stores/file/index/cacheDir';
import { shellPrerenderer } from '../web/shellPrerender';
import { startWebHost } from '../web/startWebHost';
import {
  type CredentialFlags,
  connectServer,
  isServerUrl,
  readFirstLine,
  readFlagSecret,
  serverConnection,
} from './credentials';
import { type CliIo, CliFailure, EXIT_FAILURE, EXIT_OK, oneLine } from './io';

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Extra names accepted in the Host header (`--host-name`). */
  hostNames?: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** How long the warm-up waits for the first page to load before it starts anyway. */
export const WARM_UP_WITHOUT_PAGE_MS = 300;

/** New shells for pages are rendered once no call has come for this long. */
export const SHELL_RENDER_AFTER_IDLE_MS = 1000;

/** Resolves when `promise` does or `ms` have passed, whichever is first; keeps no timer behind. */
function firstOf(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, elapsed]).finally(() => clearTimeout(timer));
}

export async function serveStores(
  stores: readonly string[],
  options: ServeOptions,
  io: CliIo,
  credentials: CredentialFlags | null = null,
): Promise<number> {
  // Read before anything starts, so a missing password is a usage error, not a half-started server.
  const env = process.env;
  const flagSecret = credentials
    ? await readFlagSecret(
        credentials,
        env,
        io.readStdinLine ?? (() => readFirstLine(process.stdin)),
      )
    : undefined;
  // Pages carry the app's shell when one was rendered for their answers before; new ones are
  // rendered once the launch is over (after the warm-up below, and a second with no call), for the
  // next launch or reload.
  let launchOver: () => void = () => undefined;
  const prerenderer = shellPrerenderer({
    cacheDir: defaultCacheDir(env),
    whenIdle: new Promise<void>((resolve) => (launchOver = resolve)),
  });
  // Saved profiles persist in the config folder; secrets stay in this process's memory.
  const connections = new ConnectionManager({
    configDir: defaultConfigDir(env),
    vault: new MemoryVault(),
    env,
  });
  const errorLog = (entry: string): void => io.stderr(entry);
  // Long-lived and charting: the index keeps the histories it parses for the charts that follow.
  const service = new InspectorService({
    cwd: () => io.cwd,
    connections,
    errorLog,
    keepHistories: true,
  });
  let ready = 0;
  for (const location of stores) {
    const result = isServerUrl(location)
      ? await connectServer(
          service,
          connections,
          serverConnection(location, credentials, env, flagSecret),
          { flags: credentials, env },
        )
      : await service.openStore({ location });
    const error = result.ok ? result.value.error : result.error;
    if (error) io.stderr(`runlens: cannot open ${location}: ${oneLine(error.message)}\n`);
    else ready++;
  }
  if (options.host !== undefined && !LOOPBACK.has(options.host)) {
    io.stderr(
      `runlens: warning: listening on ${options.host} makes Runlens reachable from other machines (the token is still required)\n`,
    );
  }
  let host;
  try {
    host = await startWebHost({ service, events: service, errorLog, prerenderer, ...options });
  } catch (err) {
    await prerenderer?.close();
    await service.dispose();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new CliFailure(
        `port ${options.port ?? 0} is in use: choose another with --port`,
        EXIT_FAILURE,
      );
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new CliFailure(
        `cannot listen on ${options.host ?? '127.0.0.1'}: no such local address`,
        EXIT_FAILURE,
      );
    }
    throw err;
  }
  // One line to open on this machine; the other addresses (wildcard binds, --host-name) after it.
  const others = host.urls.slice(1).map((u) => `  also reachable at ${u}\n`);
  io.stdout(`Runlens is serving ${ready} store(s) at ${host.url}\n${others.join('')}`);
  // While the browser evaluates the app: open the index caches and read the likely first screen
  // ahead. Not before the page and its files are sent: the page's boot answers waited for every slice
  // of that work they landed between (issue 12: the page took ~60 ms instead of ~15 ms on a
  // 2,000-run experiment), and on 2 cores the download and evaluation of the script slowed down too.
  // When no page comes (API clients, a browser with the files cached) it starts after a short wait.
  const warming = firstOf(host.firstPageLoaded, WARM_UP_WITHOUT_PAGE_MS).then(() =>
    service.warmUp(),
  );
  // Not while the app is in use (scrolling asks for pages): the render takes a core for ~100 ms.
  void warming.then(() => service.whenIdleFor(SHELL_RENDER_AFTER_IDLE_MS)).then(launchOver);
  await io.untilStopped();
  await host.close();
  await warming;
  await prerenderer?.close();
  await service.dispose();
  return EXIT_OK;
}
