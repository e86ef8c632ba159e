/**
 * The installers' configuration (electron-builder.yml), checked without the Electron binary or a
 * network: electron-builder's own validation, then a real electron-builder run (`dir` target, Linux)
 * over a copy of the project with decoys beside the built files and a stand-in Electron distribution,
 * whose app.asar must hold exactly the built app, with a package.json that starts it.
 */
import { extractFile, listPackage } from '@electron/asar';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ICNS_TYPES, pngSize } from '../scripts/iconFormats.mjs';

const ROOT = resolve(__dirname, '..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const quietLogger = { isEnabled: false, add: () => undefined };

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
    // The check is real: an unknown option fails it.
    await expect(validateConfiguration({ ...config, nsiss: {} }, quietLogger)).rejects.toThrow(
      /unknown property 'nsiss'/,
    );
  });

  it('builds the promised installers, with the protocol and the .db association', () => {
    const targets = (platform: string) =>
      ((config[platform] as { target: { target: string; arch: string[] }[] }).target ?? []).map(
        (t) => `${t.target}:${t.arch.join('+')}`,
      );
    expect(targets('linux')).toEqual(['AppImage:x64', 'deb:x64']);
    expect(targets('mac')).toEqual(['dmg:x64+arm64']);
    expect(targets('win')).toEqual(['nsis:x64']);
    expect(config).toMatchObject({
      appId: 'org.runlens.desktop',
      productName: 'Runlens',
      protocols: [{ schemes: ['runlens'] }],
      fileAssociations: [{ ext: ['db', 'sqlite'] }],
      npmRebuild: false,
    });
  });
});

describe('icons (generated from build/icon.svg by scripts/icons.mjs)', () => {
  it('has every PNG size at its size, and ICO and ICNS containers of PNGs', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = readFileSync(join(ROOT, 'build/icons', `${size}x${size}.png`));
      expect(pngSize(png)).toEqual({ width: size, height: size });
    }
    const ico = readFileSync(join(ROOT, 'build/icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 7]);
    const icns = readFileSync(join(ROOT, 'build/icon.icns'));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.toString('ascii', at, at + 4));
    }
    expect(types).toEqual(Object.values(ICNS_TYPES));
  });
});

describe('the packaged app (electron-builder --dir over a copy of the project)', () => {
  let work: string;
  let asar: string;
  const BUILT = [
    'dist/electron/main.cjs',
    'dist/electron/preload.cjs',
    'dist/fileStoreWorker.cjs',
    'dist/renderer/index.html',
    'dist/renderer/assets/index-abc.js',
    'dist/renderer/assets/index-abc.css',
  ];
  const DECOYS = [
    'dist/electron/main.cjs.map',
    'dist/renderer/assets/index-abc.js.map',
    'dist/cli.cjs',
    'electron/main.ts',
    'shared/node/cli/main.ts',
    'renderer/src/App.tsx',
    'test/fixtures/mlflow-3.1.2.dev0/mlflow.db',
    'e2e/web/browse.spec.ts',
    'README.md',
    'node_modules/yaml/index.js',
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  ];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'runlens-pack-'));
    const project = join(work, 'project');
    for (const file of [...BUILT, ...DECOYS]) {
      mkdirSync(dirname(join(project, file)), { recursive: true });
      writeFileSync(join(project, file), `// ${file}\n`);
    }
    cpSync(join(ROOT, 'package.json'), join(project, 'package.json'));
    cpSync(join(ROOT, 'build'), join(project, 'build'), { recursive: true });
    // A stand-in for Electron's unpacked distribution: electron-builder copies it and renames the
    // executable; nothing here runs it.
    const electronDist = join(work, 'electron-dist');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(electronDist, 'version'), 'v45.5.0');
    writeFileSync(join(electronDist, 'LICENSE'), '');
    const { build, Platform, Arch } =
      require('electron-builder') as typeof import('electron-builder');
    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        ...(config as object),
        electronDist,
        electronVersion: '45.5.0',
        directories: { output: join(work, 'release'), buildResources: 'build' },
      },
    });
    asar = join(work, 'release/linux-unpacked/resources/app.asar');
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds exactly the built app: no sources, tests, fixtures, maps or node_modules', () => {
    const files = listPackage(asar, { isPack: false })
      .map((p) => p.replace(/\\/g, '/').replace(/^\//, ''))
      .filter((p) => /\.[a-z]+$/.test(p));
    expect(files.sort()).toEqual([...BUILT, 'package.json'].sort());
  });

  it('has a package.json that starts the Electron main, without the dev setup', () => {
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg).toMatchObject({ name: 'runlens', main: 'dist/electron/main.cjs' });
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg).not.toHaveProperty('devDependencies');
    expect(pkg).not.toHaveProperty('scripts');
    expect(extractFile(asar, pkg.main as string).toString('utf8')).toBe(
      '// dist/electron/main.cjs\n',
    );
  });
});
