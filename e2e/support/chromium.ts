/** The Chromium the web project drives: Debian's, unless RUNLENS_CHROMIUM names another. */
export function chromiumPath(): string {
  return process.env.RUNLENS_CHROMIUM ?? '/usr/bin/chromium';
}
