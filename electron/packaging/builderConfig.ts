/**
 * electron-builder's configuration for Hearth (`npm run package` passes this file with
 * `--config`; electron-builder loads TypeScript through jiti). What it makes:
 *
 * - Linux: an AppImage and a .deb (x64), with a desktop entry that opens `hearth://`
 *   links and AppStream metainfo for software centres;
 * - macOS: a .dmg for Intel (x64) and one for Apple silicon (arm64), hardened runtime,
 *   notarised when the release workflow has Apple's credentials;
 * - Windows: an NSIS installer (x64) for the member's own account, no administrator
 *   needed, that registers `hearth://`.
 *
 * The app package (app.asar) holds only out/ (main, preload and the renderer, built by
 * electron-vite) and the runtime dependencies of main; the renderer's libraries are
 * bundled into out/renderer, so they are devDependencies and never copied. The fuses
 * are flipped by ./fuses.ts after packing. Assets live in resources/icons and
 * resources/packaging.
 */
import { resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { flipHearthFuses } from './fuses';
import { ICON_PATHS } from './iconSizes';

const root = resolve(import.meta.dirname, '../..');

/** The application id: the macOS bundle id, the Windows AppUserModelID, the AppStream id. */
export const APP_ID = 'app.hearth.Hearth';

/** The URL scheme of invite links (electron/main/inviteLinks.ts). */
export const INVITE_SCHEME = 'hearth';

/** The DNS-SD service type laptops announce (electron/main/services/discovery). */
export const BONJOUR_SERVICE = '_hearth._tcp';

/** The AppStream metainfo, installed to /usr/share/metainfo by the .deb. */
export const METAINFO_FILE = `resources/packaging/linux/${APP_ID}.metainfo.xml`;

/** The NSIS script that registers and removes `hearth://` on Windows. */
export const NSIS_INCLUDE = 'resources/packaging/windows/installer.nsh';

/**
 * Why Hearth asks for the local network (macOS 15 shows this in its prompt, and without
 * it silently denies every LAN connection, so sync would find nobody).
 */
export const LOCAL_NETWORK_USAGE =
  'Hearth finds the other laptops of your circle in this room and syncs the notebook with them directly, over this network only.';

/** Files of the app package, relative to the project: the build and nothing else. */
export const APP_FILES = [
  'out/**/*',
  'package.json',
  '!out/**/*.map',
  // Inside the runtime dependencies: types, sources maps, docs and tests never run.
  '!**/node_modules/**/*.{ts,mts,cts,map,md,markdown}',
  '!**/node_modules/**/{test,tests,__tests__,docs,example,examples,.github}/**',
  '!**/node_modules/**/{CHANGELOG,HISTORY,AUTHORS,CONTRIBUTING}*',
  '!**/node_modules/**/{tsconfig*.json,.eslintrc*,.prettierrc*,.editorconfig,.npmignore}',
  '!**/node_modules/**/{test,example}.{js,mjs,cjs,html}',
  '!**/node_modules/**/{coverage,.vscode}/**',
  '!**/node_modules/**/{deno.json,deno.lock,.yarnrc.yml,.jsdoc.json}',
  // lib0's command-line tools (doc generation, a test runner): main never runs them.
  '!**/node_modules/lib0/bin/**',
];

/** Hearth's packaging configuration. */
export const builderConfig = {
  appId: APP_ID,
  productName: 'Hearth',
  copyright: 'Copyright © 2026 the Hearth contributors. MIT licence.',
  directories: { output: 'dist', buildResources: 'resources/packaging' },
  files: APP_FILES,
  asar: true,
  // main's runtime dependencies are pure JavaScript: nothing to rebuild for Electron.
  npmRebuild: false,
  // Installers are attached to a release by the workflow, never uploaded by the builder.
  publish: null,
  protocols: [{ name: 'Hearth invite', schemes: [INVITE_SCHEME] }],
  afterPack: flipHearthFuses,

  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: ICON_PATHS.mac,
    category: 'public.app-category.lifestyle',
    hardenedRuntime: true,
    entitlements: 'resources/packaging/mac/entitlements.plist',
    entitlementsInherit: 'resources/packaging/mac/entitlements.plist',
    extendInfo: {
      NSLocalNetworkUsageDescription: LOCAL_NETWORK_USAGE,
      NSBonjourServices: [BONJOUR_SERVICE],
      // An invite's QR code is read with the camera, only when the member asks.
      NSCameraUsageDescription:
        'Hearth uses the camera only while you scan a circle’s invite code; nothing is recorded.',
    },
  },
  dmg: {
    title: 'Hearth ${version}',
    writeUpdateInfo: false,
  },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: ICON_PATHS.windows,
  },
  nsis: {
    // A short wizard: per-user install (no administrator), a choice of folder.
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Hearth',
    // The notebook stays when Hearth is removed: a member deletes it on purpose (README).
    deleteAppDataOnUninstall: false,
    include: NSIS_INCLUDE,
    differentialPackage: false,
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: ICON_PATHS.linuxDir,
    // Lower case on Linux only (the command people type); Hearth.app and Hearth.exe elsewhere.
    executableName: 'hearth',
    category: 'Office',
    synopsis: 'A shared notebook for peer-support circles, synced laptop to laptop',
    description:
      'Hearth is a companion for peer-support circles that meet in person: one shared notebook, written together and synced directly between the laptops in the room, with no server and no account.',
    maintainer: 'The Hearth contributors <hearth@users.noreply.github.com>',
    vendor: 'The Hearth contributors',
    // The desktop file is named after desktopName (package.json), which Electron also
    // uses as the Wayland app id / WM_CLASS, so the window belongs to its launcher.
    syncDesktopName: true,
    desktop: {
      entry: {
        Name: 'Hearth',
        GenericName: 'Circle notebook',
        Keywords: 'peer support;circle;notebook;journal;recovery;',
      },
    },
  },
  deb: {
    // The Secret Service keeps circle keys sealed (without it Electron falls back to
    // basic_text, which Hearth explains in the app).
    recommends: ['gnome-keyring'],
    fpm: [`${resolve(root, METAINFO_FILE)}=/usr/share/metainfo/${APP_ID}.metainfo.xml`],
  },
  appImage: {
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
} satisfies Configuration;

/**
 * A fresh copy of {@link builderConfig} for one electron-builder run: electron-builder
 * normalises a configuration in place, so a copy keeps the exported one as written.
 */
export function freshBuilderConfig(): Configuration {
  const copy = JSON.parse(JSON.stringify(builderConfig)) as Configuration;
  return { ...copy, afterPack: builderConfig.afterPack };
}

export default freshBuilderConfig();
