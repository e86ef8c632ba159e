/**
 * Before the end-to-end run: make sure a Chromium is there (Playwright's own browser download is not
 * available; we use Debian's), and hash every fixture file so the run can prove it wrote nothing into
 * the stores it served. After the run: compare.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { diffTrees, hashTree } from '../../test/globalSetup';
import { chromiumPath } from './chromium';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures');

function ensureChromium(): void {
  const path = chromiumPath();
  if (existsSync(path)) return;
  const canInstall =
    process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && !process.env.RUNLENS_CHROMIUM;
  if (!canInstall) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's chromium (sudo apt-get install -y chromium) ` +
        'or set RUNLENS_CHROMIUM to a Chromium/Chrome executable.',
    );
  }
  console.log(
    `Chromium not found at ${path}: installing Debian's chromium (apt-get install -y chromium)…`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}

export default function globalSetup(): () => void {
  ensureChromium();
  const before = hashTree(FIXTURES);
  return () => {
    const changes = diffTrees(before, hashTree(FIXTURES));
    if (changes.length > 0) {
      throw new Error(
        `Read-only violated: the end-to-end run modified test/fixtures:\n  ${changes.slice(0, 20).join('\n  ')}`,
      );
    }
  };
}
