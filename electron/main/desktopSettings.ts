/**
 * What the desktop does when the member's settings change: title bars, native dialogs
 * and menus follow the theme (`nativeTheme.themeSource`), and the menus follow the
 * language. Plain functions over the Electron objects, so tests use fakes.
 */
import type { NativeTheme } from 'electron';
import type { Settings } from '../../shared/ipc/contract';

/** Sets the native theme to the member's choice (`system` follows the OS). */
export function applyNativeTheme(
  nativeTheme: Pick<NativeTheme, 'themeSource'>,
  theme: Settings['theme'],
): void {
  if (nativeTheme.themeSource !== theme) nativeTheme.themeSource = theme;
}
