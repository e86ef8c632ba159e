// Renders build/icon.svg, the one source of the app's icons, into what electron-builder takes:
//   build/icons/<N>x<N>.png (Linux), build/icon.png (1024), build/icon.ico (Windows), build/icon.icns (macOS).
// The SVG is drawn by Chromium (Debian's /usr/bin/chromium, or RUNLENS_CHROMIUM) through Playwright,
// so no image tool beyond the browser the e2e tests already use is needed. The outputs are committed;
// run `npm run icons` after changing the SVG (electron/packaging.test.ts checks they match it in size
// and format).
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIcns, buildIco } from './iconFormats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'build');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const svg = readFileSync(join(buildDir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.RUNLENS_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const images = [];
try {
  const page = await browser.newPage();
  for (const size of PNG_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    images.push({ size, png });
  }
} finally {
  await browser.close();
}

mkdirSync(join(buildDir, 'icons'), { recursive: true });
for (const { size, png } of images)
  writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), png);
writeFileSync(join(buildDir, 'icon.png'), images.find((i) => i.size === 1024).png);
writeFileSync(
  join(buildDir, 'icon.ico'),
  buildIco(images.filter((i) => ICO_SIZES.includes(i.size))),
);
writeFileSync(join(buildDir, 'icon.icns'), buildIcns(images));
console.log(`icons: ${images.length} PNG sizes, icon.ico, icon.icns in build/`);
