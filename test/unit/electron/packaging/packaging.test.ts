/**
 * The packaging checks that can run without Electron's binary (the installers are built
 * by .github/workflows/release.yml): electron-builder's own validation of the
 * configuration; a real electron-builder run for Linux and for macOS around a stand-in
 * Electron (./stagedPackage.ts), whose app.asar is listed with @electron/asar, whose
 * fuses are read back, and whose Info.plist is read; the Linux desktop entry as
 * electron-builder writes it; the Windows protocol registration.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { getRawHeader, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { parsePlistFile } from 'app-builder-lib/out/util/plist';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ID,
  BONJOUR_SERVICE,
  INVITE_SCHEME,
  LOCAL_NETWORK_USAGE,
  METAINFO_FILE,
  NSIS_INCLUDE,
  builderConfig,
  freshBuilderConfig,
} from '../../../../electron/packaging/builderConfig';
import { HEARTH_FUSES } from '../../../../electron/packaging/fuses';
import {
  DISABLED,
  ENABLED,
  ROOT,
  SHIPPED_FUSES,
  packStaged,
  type StagedPackage,
} from './stagedPackage';

const PACKING_TIMEOUT_MS = 180_000;

interface LockPackage {
  dev?: boolean;
  optional?: boolean;
}

// The packages npm installs for production: every lockfile entry not marked dev-only.
async function productionPackages(): Promise<string[]> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true)
    .map(([path]) => path.slice('node_modules/'.length).replace(/\/node_modules\//g, '/'))
    .sort();
}

// node_modules/<name> or node_modules/@scope/<name>, at any depth, as a package path.
function packagesIn(files: readonly string[]): string[] {
  const names = new Set<string>();
  for (const file of files) {
    const match = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(file);
    if (match !== null) names.add(match[1]!);
  }
  return [...names].sort();
}

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(join(entry.parentPath, entry.name));
  }
  return found;
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own validation', async () => {
    await expect(
      validateConfiguration(freshBuilderConfig(), new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('is really validated: a misspelt option is refused', async () => {
    const config = freshBuilderConfig();
    const misspelt = { ...config, mac: { ...config.mac, hardendRuntime: true } };
    await expect(
      validateConfiguration(misspelt as Configuration, new DebugLogger(false)),
    ).rejects.toThrow(/configuration\.mac should be/);
  });

  it('builds an AppImage and a deb, a dmg for Intel and Apple silicon, and an NSIS installer', () => {
    expect(builderConfig.linux.target.map((target) => target.target)).toEqual(['AppImage', 'deb']);
    expect(builderConfig.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(builderConfig.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('flips the fuses after packing, before signing', () => {
    expect(builderConfig.afterPack.name).toBe('flipHearthFuses');
  });
});

describe('hearth:// is registered on every system', () => {
  it('is one of the packager’s protocols (Info.plist and the Linux desktop entry)', () => {
    expect(builderConfig.protocols).toEqual([{ name: 'Hearth invite', schemes: [INVITE_SCHEME] }]);
  });

  it('the Linux desktop entry opens hearth:// links and belongs to Hearth’s window', async () => {
    const packageJson = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      desktopName: string;
      description: string;
    };
    const helper = new LinuxTargetHelper({
      appInfo: {
        productName: 'Hearth',
        sanitizedProductName: 'Hearth',
        description: packageJson.description,
      },
      executableName: builderConfig.linux.executableName,
      info: { metadata: { desktopName: packageJson.desktopName } },
      platformSpecificBuildOptions: builderConfig.linux,
      fileAssociations: [],
      config: builderConfig,
    } as unknown as ConstructorParameters<typeof LinuxTargetHelper>[0]);
    const entry = await helper.computeDesktopEntry(builderConfig.linux);
    expect(helper.getDesktopFileName()).toBe(APP_ID);
    expect(entry).toContain('Exec=/opt/Hearth/hearth %U');
    expect(entry).toContain(`MimeType=x-scheme-handler/${INVITE_SCHEME};`);
    expect(entry).toContain(`StartupWMClass=${APP_ID}`);
    expect(entry).toContain('Categories=Office;');
    expect(entry).toContain('Icon=hearth');
  });

  it('the AppStream metainfo names the same desktop entry and is installed by the deb', async () => {
    const metainfo = await readFile(join(ROOT, METAINFO_FILE), 'utf8');
    expect(metainfo).toContain(`<id>${APP_ID}</id>`);
    expect(metainfo).toContain(`<launchable type="desktop-id">${APP_ID}.desktop</launchable>`);
    expect(metainfo).toContain('<project_license>MIT</project_license>');
    expect(builderConfig.deb.fpm).toEqual([
      `${join(ROOT, METAINFO_FILE)}=/usr/share/metainfo/${APP_ID}.metainfo.xml`,
    ]);
  });

  it('the Windows installer writes the hearth key for the member and removes it on uninstall', async () => {
    const script = await readFile(join(ROOT, NSIS_INCLUDE), 'utf8');
    expect(builderConfig.nsis.include).toBe(NSIS_INCLUDE);
    expect(script).toMatch(/!macro customInstall[\s\S]*"URL Protocol" ""[\s\S]*!macroend/);
    expect(script).toContain(
      'WriteRegStr SHELL_CONTEXT "Software\\Classes\\hearth\\shell\\open\\command" "" \'"$INSTDIR\\${APP_EXECUTABLE_FILENAME}" "%1"\'',
    );
    expect(script).toMatch(
      /!macro customUnInstall\s+DeleteRegKey SHELL_CONTEXT "Software\\Classes\\hearth"/,
    );
  });
});

describe('a packed Hearth (electron-builder around a stand-in Electron)', () => {
  let linux: StagedPackage | undefined;
  let mac: StagedPackage | undefined;
  const packed = (which: StagedPackage | undefined): StagedPackage => {
    if (which === undefined) throw new Error('packing failed');
    return which;
  };

  beforeAll(async () => {
    linux = await packStaged('linux');
    mac = await packStaged('mac');
  }, PACKING_TIMEOUT_MS);
  afterAll(async () => {
    await linux?.dispose();
    await mac?.dispose();
  });

  it('app.asar holds exactly the build and main’s runtime dependencies', async () => {
    const files = listPackage(packed(linux).asarPath, { isPack: false }).filter(
      (path) => !path.endsWith('/') && (path.includes('.') || path.includes('/node_modules/')),
    );
    const archived = new Set(files);
    const built = (await filesUnder(packed(linux).outDir))
      .map((file) => `/out/${relative(packed(linux).outDir, file)}`)
      .filter((file) => !file.endsWith('.map'))
      .sort();
    const archivedBuild = files.filter((file) => file.startsWith('/out/') && !file.endsWith('/'));
    for (const file of built) expect(archived.has(file), file).toBe(true);
    expect(
      archivedBuild.filter((file) => built.includes(file) || !/\.[a-z0-9]+$/i.test(file)),
    ).toEqual(archivedBuild);
    expect(archived.has('/package.json')).toBe(true);
    expect(packagesIn(files)).toEqual(await productionPackages());

    const size = (await stat(packed(linux).asarPath)).size;
    console.log(
      `app.asar: ${files.length} entries, ${(size / 1024 / 1024).toFixed(2)} MiB; packages: ${packagesIn(files).join(', ')}`,
    );
  });

  it('app.asar holds no TypeScript, tests, source maps or developer tools', () => {
    const files = listPackage(packed(linux).asarPath, { isPack: false });
    const offenders = files.filter(
      (path) =>
        /\.(ts|tsx|mts|cts|map)$/.test(path) ||
        /\/(test|tests|__tests__|coverage)(\/|$)/.test(path) ||
        /\/(test|example)\.(js|mjs|cjs|html)$/.test(path) ||
        /\/node_modules\/(react|react-dom|lexical|@lexical|i18next|react-i18next|typescript|vitest|vite|electron|electron-builder|playwright-core|@playwright|@types|eslint|prettier|tsx|y-webrtc)\//.test(
          path,
        ) ||
        /^\/(electron|renderer|shared|test|resources|node_modules\/\.bin)\//.test(path),
    );
    expect(offenders).toEqual([]);
  });

  it('flips every fuse Hearth sets, and leaves the rest as Electron ships them', async () => {
    for (const target of [packed(linux), packed(mac)]) {
      const wire = await getCurrentFuseWire(target.fuseBinaryPath);
      for (const option of Object.values(FuseV1Options).filter(
        (value): value is FuseV1Options => typeof value === 'number',
      )) {
        const wanted = (HEARTH_FUSES as Partial<Record<FuseV1Options, boolean>>)[option];
        const expected = wanted === undefined ? SHIPPED_FUSES[option] : wanted ? ENABLED : DISABLED;
        expect(wire[option], FuseV1Options[option]).toBe(expected);
      }
    }
    expect(HEARTH_FUSES).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('Info.plist asks for the local network, names the Bonjour service and opens hearth://', async () => {
    const info = await parsePlistFile<Record<string, unknown>>(
      join(packed(mac).appOutDir, 'Contents', 'Info.plist'),
    );
    expect(info.CFBundleIdentifier).toBe(APP_ID);
    expect(info.CFBundleName).toBe('Hearth');
    expect(info.NSLocalNetworkUsageDescription).toBe(LOCAL_NETWORK_USAGE);
    expect(info.NSBonjourServices).toEqual([BONJOUR_SERVICE]);
    expect(info.CFBundleURLTypes).toEqual([
      expect.objectContaining({ CFBundleURLSchemes: [INVITE_SCHEME] }),
    ]);
    expect(info.NSCameraUsageDescription).toEqual(expect.any(String));
  });

  it('Info.plist carries the hash of app.asar’s header, which the integrity fuse checks', async () => {
    const info = await parsePlistFile<{
      ElectronAsarIntegrity: Record<string, { algorithm: string; hash: string }>;
    }>(join(packed(mac).appOutDir, 'Contents', 'Info.plist'));
    const header = getRawHeader(packed(mac).asarPath).headerString;
    expect(info.ElectronAsarIntegrity['Resources/app.asar']).toEqual({
      algorithm: 'SHA256',
      hash: createHash('sha256').update(header).digest('hex'),
    });
  });
});

describe('the release workflow', () => {
  it('builds on Linux, macOS and Windows and says when signing is skipped', async () => {
    const workflow = await readFile(join(ROOT, '.github/workflows/release.yml'), 'utf8');
    expect(workflow).toContain('os: [ubuntu-latest, macos-latest, windows-latest]');
    expect(workflow).toContain('npm run package');
    for (const secret of [
      'MAC_CSC_LINK',
      'MAC_CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
      'WIN_CSC_LINK',
      'WIN_CSC_KEY_PASSWORD',
    ]) {
      expect(workflow).toContain(`secrets.${secret}`);
    }
    expect(workflow).toContain('the macOS app is NOT signed');
    expect(workflow).toContain('the macOS app is NOT notarised');
    expect(workflow).toContain('the Windows installer is NOT signed');
  });
});
