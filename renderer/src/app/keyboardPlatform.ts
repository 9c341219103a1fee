/**
 * Shortcut keys as this computer names them. The app's shortcuts take Ctrl or ⌘ alike
 * (useAppCommands.ts, the desktop menu's CmdOrCtrl); the words shown follow the
 * platform: "Ctrl+Shift+M" elsewhere, "⇧⌘M" on a Mac. The platform is read from the
 * browser (Electron's renderer reports the real one), as the editor's toolbar does.
 */

/** What is read of `navigator` to tell the platform. */
export interface PlatformHints {
  platform?: string;
  userAgent?: string;
  userAgentData?: { platform?: string };
}

/** Whether the computer is a Mac (or an iPad or iPhone, whose keyboards have ⌘). */
export function isMacPlatform(hints: PlatformHints): boolean {
  const named = hints.userAgentData?.platform ?? hints.platform ?? '';
  if (named !== '') return /mac|iphone|ipad/i.test(named);
  return /Macintosh|Mac OS X|iPhone|iPad/.test(hints.userAgent ?? '');
}

/** True on this computer when it is a Mac. */
export const IS_MAC = typeof navigator !== 'undefined' && isMacPlatform(navigator);

/** Shortcut words ("Ctrl+Shift+E") as the platform writes them ("⇧⌘E" on a Mac). */
export function platformKeys(keys: string, mac: boolean = IS_MAC): string {
  if (!mac) return keys;
  return keys
    .replace(/Ctrl\+Shift\+/g, '⇧⌘')
    .replace(/Ctrl\+Alt\+/g, '⌥⌘')
    .replace(/Ctrl\+/g, '⌘');
}
