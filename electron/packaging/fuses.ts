/**
 * Electron's fuses for Hearth, flipped in the packaged binary by electron-builder's
 * `afterPack` hook (before signing, so the signature covers the flipped bytes). What
 * each one closes:
 *
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 hearth` would otherwise be a signed Node.js
 *   that runs any script with Hearth's keychain identity.
 * - EnableNodeOptionsEnvironmentVariable and EnableNodeCliInspectArguments off:
 *   `NODE_OPTIONS=--require …` and `--inspect` would let another program inject code.
 * - EnableCookieEncryption on: Chromium's cookie store is sealed by the OS keychain.
 * - EnableEmbeddedAsarIntegrityValidation and OnlyLoadAppFromAsar on: the app is only
 *   ever loaded from app.asar, whose hash electron-builder records in the binary
 *   (Info.plist on macOS, a resource on Windows), so a changed app.asar does not start.
 * - GrantFileProtocolExtraPrivileges off: the page is app://hearth, never file://.
 * - LoadBrowserProcessSpecificV8Snapshot left as Electron ships it (no custom snapshot).
 */
import { Arch, type AfterPackContext } from 'electron-builder';
import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';
import { join } from 'node:path';

/** Hearth's fuse settings (a test reads them back from a packaged binary). */
export const HEARTH_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies Partial<Record<FuseV1Options, boolean>>;

/** The part of electron-builder's hook context the fuse step reads. */
export type FuseContext = Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'arch'> & {
  // Only electron-builder's LinuxPackager has an executableName (linux.executableName).
  packager: { appInfo: { productFilename: string } } & Partial<{ executableName: string }>;
};

/** The packaged Electron binary (or app bundle on macOS) in `context.appOutDir`. */
export function packagedBinaryPath(context: FuseContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') {
    return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  }
  return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
}

/** The whole fuse configuration for one packaged binary. */
export function fuseConfigFor(
  context: Pick<FuseContext, 'electronPlatformName' | 'arch'>,
): FuseV1Config {
  return {
    version: FuseVersion.V1,
    ...HEARTH_FUSES,
    // Apple silicon refuses to run a binary whose ad-hoc signature no longer matches;
    // electron-builder signs properly afterwards when a certificate is configured.
    resetAdHocDarwinSignature:
      context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
  };
}

/** electron-builder's `afterPack` hook: flips {@link HEARTH_FUSES} in the packaged binary. */
export async function flipHearthFuses(context: FuseContext): Promise<void> {
  const binary = packagedBinaryPath(context);
  await flipFuses(binary, fuseConfigFor(context));
  console.log(`  • Hearth: fuses flipped in ${binary}`);
}
