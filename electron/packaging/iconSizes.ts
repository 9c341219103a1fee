/**
 * The icon sizes each platform needs, in one place: the icon script makes exactly these
 * and the packaging tests check that each file holds them.
 *
 * - Linux: one PNG per size in resources/icons/png/<n>x<n>.png (electron-builder installs
 *   them under /usr/share/icons/hicolor/<n>x<n>/apps for the deb and inside the AppImage).
 * - Windows: resources/icons/hearth.ico, PNG-compressed images (Windows Vista and later),
 *   the sizes Explorer, the taskbar and the installer ask for at 100–250 % scaling.
 * - macOS: resources/icons/hearth.icns, each image PNG-compressed under its ICNS type.
 */

/** PNG sizes for the Linux hicolor theme. */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

/** Image sizes inside the Windows .ico. */
export const WINDOWS_ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256] as const;

/** ICNS image types and the pixel size each holds (the @2x types are Retina images). */
export const MAC_ICON_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32], // 16@2x
  ['icp6', 64],
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256], // 128@2x
  ['ic09', 512],
  ['ic14', 512], // 256@2x
  ['ic10', 1024], // 512@2x
] as const;

/** Where the icons live, relative to the repository root. */
export const ICON_PATHS = {
  source: 'resources/icons/hearth.svg',
  linuxDir: 'resources/icons/png',
  windows: 'resources/icons/hearth.ico',
  mac: 'resources/icons/hearth.icns',
} as const;
