/**
 * What the CLI touches outside itself, injectable so that tests call `main()` in-process and read its
 * output; and the exit codes, which scripts rely on.
 */
import type { ApiErrorShape, ErrorCode } from '../../common/errors';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Prints text that holds nothing terminalSafe.ts would change (printable ASCII and line breaks, as
   * mlflowJsonText makes it) without main()'s neutralising scan: ~20 ms on `runs --json`'s 7.5 MB.
   * Absent: `stdout`.
   */
  stdoutTerminalSafe?(text: string): void;
  /** Directory relative store paths resolve against. */
  cwd: string;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` runs until then. */
  untilStopped(): Promise<void>;
  /** Opens the desktop app on these stores (Electron, or the browser when it cannot start). */
  launchDesktop(stores: string[]): Promise<number>;
  /** The first line of stdin (`serve --password-stdin`); process.stdin when not given. */
  readStdinLine?(): Promise<string | null>;
}

export const EXIT_OK = 0;
/** Something unexpected (a bug, or the port is taken). */
export const EXIT_FAILURE = 1;
/** Bad usage: unknown command or option, missing argument, invalid filter, unknown run or key. */
export const EXIT_USAGE = 2;
/** The store cannot be read: missing path, not a store, corrupt database. */
export const EXIT_STORE = 3;

/** A mistake in the command line; main() prints it on one line and exits with EXIT_USAGE. */
export class UsageError extends Error {}

/** A failure already described in one line; main() prints it and exits with `exitCode`. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function exitCodeOf(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_ARGUMENT':
    case 'NOT_FOUND':
      return EXIT_USAGE;
    case 'STORE_UNREADABLE':
    case 'BUSY':
    case 'UNKNOWN_STORE':
    case 'REMOTE_ERROR':
    case 'UNAUTHORIZED':
      return EXIT_STORE;
    default:
      return EXIT_FAILURE;
  }
}

/** Turns a contract error into the failure main() reports (one line, right exit code). */
export function failureOf(error: ApiErrorShape): CliFailure {
  return new CliFailure(error.message, exitCodeOf(error.code));
}

/** One line, for `runlens: <reason>` on stderr. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
