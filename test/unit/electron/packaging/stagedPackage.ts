/**
 * Packs Hearth the way `npm run package` does, with electron-builder itself and the real
 * configuration, but into a temporary folder and around a stand-in Electron: the real
 * binary cannot be downloaded here. The stand-in is a small file holding Electron's fuse
 * sentinel and a fuse wire in Electron 45's default state, so the afterPack hook flips
 * real bytes that a test can read back. Only the `dir` target runs (no installer tools
 * are reachable); the installers are made by .github/workflows/release.yml.
 *
 * It packs this repository (so electron-builder collects the production dependencies
 * from its node_modules exactly as `npm run package` does) with one change to the file
 * rules: the build is this test run's own (test/helpers/builtApp.ts), not whatever out/
 * holds. (A copied project with a
 * linked node_modules is not the same: electron-builder then misses transitive
 * dependencies.)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { Arch, Platform, build } from 'electron-builder';
import { builderConfig, freshBuilderConfig } from '../../../../electron/packaging/builderConfig';
import { builtApp } from '../../../helpers/builtApp';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../../../..');

/** Electron's fuse sentinel, after which the fuse wire starts. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A fuse byte that is on. */
export const ENABLED = 0x31;
/** A fuse byte that is off. */
export const DISABLED = 0x30;

/** Electron 45's fuses as it ships them (what Hearth's hook must change). */
export const SHIPPED_FUSES: Record<FuseV1Options, number> = {
  [FuseV1Options.RunAsNode]: ENABLED,
  [FuseV1Options.EnableCookieEncryption]: DISABLED,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: ENABLED,
  [FuseV1Options.EnableNodeCliInspectArguments]: ENABLED,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: DISABLED,
  [FuseV1Options.OnlyLoadAppFromAsar]: DISABLED,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: DISABLED,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: ENABLED,
};

/** A stand-in Electron executable: a shell script followed by the fuse wire. */
export function standInElectronBinary(): Buffer {
  const wire = Object.values(SHIPPED_FUSES);
  return Buffer.concat([
    Buffer.from('#!/bin/sh\n# a stand-in for Electron in packaging tests\nexit 0\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, wire.length, ...wire]),
    Buffer.alloc(32),
  ]);
}

const plist = (entries: Record<string, string>): string =>
  `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>${Object.entries(entries)
    .map(([key, value]) => `<key>${key}</key><string>${value}</string>`)
    .join('')}</dict></plist>`;

// A stand-in Electron.app: the Info.plist files electron-builder rewrites, the helper
// apps it renames, and the framework binary that holds the fuse wire on macOS.
async function writeStandInMacApp(electronDist: string): Promise<void> {
  const contents = join(electronDist, 'Electron.app', 'Contents');
  const frameworks = join(contents, 'Frameworks');
  const write = async (path: string, data: string | Buffer): Promise<void> => {
    await mkdir(resolve(path, '..'), { recursive: true });
    await writeFile(path, data, { mode: 0o755 });
  };
  await write(
    join(contents, 'Info.plist'),
    plist({
      CFBundleExecutable: 'Electron',
      CFBundleIdentifier: 'com.github.Electron',
      CFBundleName: 'Electron',
      CFBundleDisplayName: 'Electron',
      CFBundleIconFile: 'electron.icns',
      CFBundleVersion: '45.5.0',
      CFBundleShortVersionString: '45.5.0',
    }),
  );
  await write(join(contents, 'MacOS', 'Electron'), '#!/bin/sh\nexit 0\n');
  await write(join(contents, 'Resources', 'electron.icns'), 'icns');
  await write(
    join(frameworks, 'Electron Framework.framework', 'Electron Framework'),
    standInElectronBinary(),
  );
  for (const suffix of ['', ' (Renderer)', ' (GPU)', ' (Plugin)']) {
    const helper = join(frameworks, `Electron Helper${suffix}.app`, 'Contents');
    await write(
      join(helper, 'Info.plist'),
      plist({
        CFBundleExecutable: `Electron Helper${suffix}`,
        CFBundleIdentifier: 'com.github.Electron.helper',
        CFBundleName: `Electron Helper${suffix}`,
      }),
    );
    await write(join(helper, 'MacOS', `Electron Helper${suffix}`), '#!/bin/sh\nexit 0\n');
  }
}

/** What one staged packaging run left behind. */
export interface StagedPackage {
  /** The packed app folder: linux-unpacked, or mac/Hearth.app. */
  appOutDir: string;
  asarPath: string;
  /** What @electron/fuses reads the fuse wire from: the binary, or the .app bundle. */
  fuseBinaryPath: string;
  /** The out/ that was packed, for comparing with the archive. */
  outDir: string;
  dispose(): Promise<void>;
}

/**
 * Builds the bundles and packs them with the real configuration: for Linux (x64), or
 * for macOS (x64, the `dir` target, unsigned: electron-builder signs only on macOS).
 */
export async function packStaged(platform: 'linux' | 'mac'): Promise<StagedPackage> {
  const stage = await mkdtemp(join(tmpdir(), 'hearth-package-'));
  const electronDist = join(stage, 'electron');
  const output = join(stage, 'dist');
  await mkdir(electronDist);
  const outDir = await builtApp();
  if (platform === 'linux') {
    await writeFile(join(electronDist, 'electron'), standInElectronBinary(), { mode: 0o755 });
  } else {
    await writeStandInMacApp(electronDist);
  }
  await writeFile(join(electronDist, 'version'), '45.5.0');

  const config = freshBuilderConfig();
  const files = (config.files as string[]).map((rule) =>
    rule === 'out/**/*' ? { from: outDir, to: 'out', filter: ['**/*', '!**/*.map'] } : rule,
  );
  if (files.every((rule) => typeof rule === 'string')) throw new Error('no out/**/* rule');
  await build({
    projectDir: ROOT,
    targets: (platform === 'linux' ? Platform.LINUX : Platform.MAC).createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      ...config,
      files,
      electronDist,
      electronVersion: '45.5.0',
      directories: { ...builderConfig.directories, output },
    },
  });
  const dispose = (): Promise<void> => rm(stage, { recursive: true, force: true });
  if (platform === 'linux') {
    const appOutDir = join(output, 'linux-unpacked');
    return {
      appOutDir,
      asarPath: join(appOutDir, 'resources', 'app.asar'),
      fuseBinaryPath: join(appOutDir, builderConfig.linux.executableName),
      outDir,
      dispose,
    };
  }
  const appOutDir = join(output, 'mac', `${builderConfig.productName}.app`);
  return {
    appOutDir,
    asarPath: join(appOutDir, 'Contents', 'Resources', 'app.asar'),
    // @electron/fuses finds the framework binary inside the bundle itself.
    fuseBinaryPath: appOutDir,
    outDir,
    dispose,
  };
}
