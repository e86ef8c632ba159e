/**
 * The CLI's `CliIo` bound to this process: stdout/stderr, the working directory, SIGINT/SIGTERM and
 * the desktop launcher. Kept apart from io.ts so that the launcher's modules (desktop.ts, serve.ts),
 * which import io.ts, are not part of an import cycle.
 */
import { EXIT_FAILURE, type CliIo } from './io';

/** How long a stop signal waits for a clean shutdown before the process exits anyway. */
const STOP_GRACE_MS = 5000;

let pipeGuarded = false;

/** `runlens runs … | head` closes the pipe early: that is not an error worth a stack trace. */
function guardBrokenPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

export function processIo(): CliIo {
  const io: CliIo = {
    stdout: (text) => {
      guardBrokenPipe();
      process.stdout.write(text);
    },
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    untilStopped: () =>
      new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          // A clean stop waits for open connections and reads; one stuck on a slow disk must not keep
          // the process alive after it was told to stop.
          setTimeout(() => process.exit(EXIT_FAILURE), STOP_GRACE_MS).unref();
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
    launchDesktop: async (stores) => {
      // Loaded on demand: the other commands never pay for the desktop launcher or the web host.
      const [{ launchDesktop }, { serveStores }] = await Promise.all([
        import('./desktop'),
        import('./serve'),
      ]);
      // When Electron cannot start: exactly `runlens serve STORE…`, same output, same stop on signals.
      return launchDesktop(stores, { serveInBrowser: (list) => serveStores(list, {}, io) });
    },
  };
  return io;
}
