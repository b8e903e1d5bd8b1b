import { spawnSync } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type { Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import config from '../../../electron-builder';
import { afterPack, fusesFor, SWITCHBOARD_FUSES } from '../../../scripts/packaging/fuses';
import { DESKTOP_NAME, DESKTOP_RUNTIME_DEPENDENCIES, StageError, stageApp, stagedPackageJson } from '../../../scripts/packaging/stage-app';
import { linuxDesktopEntry, loadBuilderConfig, parseDesktopEntry, validateBuilderConfig } from '../../../scripts/packaging/validate-config';

/**
 * Packaging, checked as far as it goes without Electron's binary: the fuse
 * settings and the hook that flips them (run through electron-builder's own
 * flipping code on a stand-in binary), electron-builder's own validation of
 * electron-builder.ts, the .desktop entry it would write, and the staged app.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));

describe('fuses', () => {
  it('turns off every way to run other code as the app, and on cookie encryption and asar integrity', () => {
    expect(SWITCHBOARD_FUSES).toEqual({
      version: '1',
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('re-signs ad hoc only for arm64 macOS builds', () => {
    expect(fusesFor({ electronPlatformName: 'darwin', arch: 3 }).resetAdHocDarwinSignature).toBe(true);
    expect(fusesFor({ electronPlatformName: 'darwin', arch: 1 }).resetAdHocDarwinSignature).toBe(false);
    expect(fusesFor({ electronPlatformName: 'linux', arch: 3 }).resetAdHocDarwinSignature).toBe(false);
  });

  it('the afterPack hook hands the fuses to the packager’s flipper with the pack context', async () => {
    const addElectronFuses = vi.fn(async () => 1);
    const context = { electronPlatformName: 'linux', arch: 1, packager: { addElectronFuses } };
    await afterPack(context);
    expect(addElectronFuses).toHaveBeenCalledExactlyOnceWith(context, { ...SWITCHBOARD_FUSES, resetAdHocDarwinSignature: false });
  });

  describe('flipped by electron-builder and @electron/fuses on a stand-in binary', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'switchboard-fuses-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('writes the wire as configured and leaves fuses it does not name alone', async () => {
      // Electron's fuse wire: a sentinel, the wire version, its length, one byte per fuse ('0' off, '1' on).
      // As shipped: run-as-node, node options, inspect and file privileges on; a ninth fuse this @electron/fuses does not know.
      const initial = [...Buffer.from('101100011')];
      const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
      await writeFile(path.join(dir, 'switchboard'), Buffer.concat([Buffer.from('\x7fELF…code…'), sentinel, Buffer.from([1, initial.length, ...initial]), Buffer.from('…more code')]));

      const { PlatformPackager } = fromBuilder('app-builder-lib') as {
        PlatformPackager: { prototype: { addElectronFuses(this: unknown, context: unknown, fuses: unknown): Promise<number> } };
      };
      const packager = { appInfo: { productFilename: 'switchboard' } };
      await afterPack({
        electronPlatformName: 'linux',
        arch: 1,
        packager: { addElectronFuses: (context, fuses) => PlatformPackager.prototype.addElectronFuses.call(packager, { ...context, appOutDir: dir }, fuses) },
      });

      const wire = await getCurrentFuseWire(path.join(dir, 'switchboard'));
      const [off, on] = [...Buffer.from('01')];
      expect(Array.from({ length: 9 }, (_, i) => wire[i as FuseV1Options])).toEqual([off, on, off, off, on, on, off, off, on]);
    });
  });
});

describe('electron-builder configuration', () => {
  let loaded: Configuration;
  // The first load compiles electron-builder.ts and reads electron-builder's schema: a few seconds on a busy machine.
  beforeAll(async () => {
    loaded = await loadBuilderConfig(ROOT);
  }, 60_000);

  it('passes electron-builder’s own validation', async () => {
    await expect(validateBuilderConfig(loaded)).resolves.toBeUndefined();
  }, 60_000);

  it('is really validated: an unknown or mistyped option is refused', async () => {
    await expect(validateBuilderConfig({ ...loaded, linux: { ...loaded.linux, mimeType: 'x' } as never })).rejects.toThrow(/configuration\.linux/);
    await expect(validateBuilderConfig({ ...loaded, asar: 'yes' as never })).rejects.toThrow(/configuration\.asar/);
    await expect(validateBuilderConfig({ ...loaded, nsis: { ...loaded.nsis, oneClick: 'no' as never } })).rejects.toThrow(/configuration\.nsis/);
  }, 60_000);

  it('names the app, builds AppImage and deb for Linux, NSIS for Windows and a DMG for macOS, and runs the fuse hook', () => {
    expect(config).toMatchObject({
      appId: 'com.switchboard.desktop',
      productName: 'Switchboard',
      asar: true,
      directories: { app: 'dist/app' },
      linux: { target: ['AppImage', 'deb'], maintainer: expect.stringMatching(/<.+@.+>/), category: expect.stringContaining('Office') },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'] },
      protocols: [{ schemes: ['tel'] }, { schemes: ['sip'] }],
      afterPack,
    });
    expect(config.mac?.extendInfo).toHaveProperty('NSMicrophoneUsageDescription');
  });

  it('packs only built JavaScript, the renderer and runtime modules — no sources or source maps', () => {
    const files = config.files as string[];
    expect(files.filter((pattern) => !pattern.startsWith('!'))).toEqual(['package.json', 'electron/**/*.js', 'shared/**/*.js', 'renderer/**/*', 'node_modules/**/*']);
    expect(files).toContain('!**/*.map');
  });

  it('writes a .desktop entry that claims tel: and sip: links and passes them to the app', async () => {
    const entry = parseDesktopEntry(await linuxDesktopEntry(loaded, '0.1.0'));
    expect(entry.get('MimeType')).toBe('x-scheme-handler/tel;x-scheme-handler/sip;');
    expect(entry.get('Exec')).toMatch(/\/switchboard %U$/);
    expect(entry.get('Name')).toBe('Switchboard');
    expect(entry.get('StartupWMClass')).toBe(DESKTOP_NAME.replace(/\.desktop$/, ''));
    expect(entry.get('Categories')).toBe('Office;Telephony;');
  });

  it('runs as `npm run package:check`', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/package-check.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ ok: true, productName: 'Switchboard' });
  }, 60_000);
});

describe('the staged app (dist/app)', () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'switchboard-stage-'));
    const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
    const built = spawnSync(process.execPath, [tsc, '-p', 'electron/tsconfig.build.json', '--outDir', path.join(project, 'dist')], { cwd: ROOT, encoding: 'utf8' });
    expect(built.stdout + built.stderr).toBe('');
    await mkdir(path.join(project, 'dist', 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(project, 'dist', 'renderer', 'index.html'), '<!doctype html>');
    await writeFile(path.join(project, 'package.json'), await readFile(path.join(ROOT, 'package.json')));
    await symlink(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
    await stageApp(project, path.join(project, 'dist', 'app'));
  }, 60_000);
  afterAll(() => rm(project, { recursive: true, force: true }));
  const staged = (file: string) => path.join(project, 'dist', 'app', file);

  it('has its own package.json with the desktop’s entry point and only its runtime dependencies', async () => {
    const manifest = JSON.parse(await readFile(staged('package.json'), 'utf8'));
    expect(manifest).toMatchObject({ productName: 'Switchboard', main: 'electron/main.js', type: 'module', desktopName: DESKTOP_NAME });
    expect(Object.keys(manifest.dependencies)).toEqual([...DESKTOP_RUNTIME_DEPENDENCIES]);
    expect(await readdir(staged('node_modules'))).toEqual([...DESKTOP_RUNTIME_DEPENDENCIES]);
    expect(await readdir(staged('.'))).toEqual(expect.arrayContaining(['electron', 'shared', 'renderer', 'node_modules', 'package.json']));
  });

  it('stages every package the main process imports, and nothing of the hub', async () => {
    const imported = new Set<string>();
    for (const folder of ['electron', 'shared']) {
      for (const file of (await readdir(staged(folder), { recursive: true })).filter((f) => f.endsWith('.js'))) {
        const text = await readFile(path.join(staged(folder), file), 'utf8');
        for (const [, specifier = ''] of text.matchAll(/(?:^import [^'"]*|require\()['"]([^'"]+)['"]/gm)) {
          if (!specifier.startsWith('.')) imported.add(specifier.split('/')[0] ?? specifier);
        }
      }
    }
    const outside = [...imported].filter((name) => name !== 'electron' && !name.startsWith('node:') && !builtinModules.includes(name));
    expect(outside.sort()).toEqual([...DESKTOP_RUNTIME_DEPENDENCIES].sort());
    expect(await readdir(staged('shared'))).not.toContain('db');
  });

  it('refuses a project whose package.json lacks a runtime dependency or builds elsewhere', () => {
    expect(() => stagedPackageJson({ name: 'x', version: '1.0.0', main: 'dist/electron/main.js', dependencies: {} })).toThrow(StageError);
    expect(() => stagedPackageJson({ name: 'x', version: '1.0.0', main: 'electron/main.js', dependencies: { zod: '^4' } })).toThrow(/not under dist/);
  });
});
