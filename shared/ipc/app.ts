/** How Hearth runs and what its window asks of main: the `hearth:app:*` channels and the menu. */

/** How circle keys are kept on this laptop, in words the app explains to the member. */
export type KeyProtection =
  /** Sealed by the operating system's keychain (Keychain, DPAPI, Secret Service, KWallet). */
  | 'keychain'
  /** Linux without a keychain: Chromium's `basic_text`, which only obfuscates. */
  | 'basic-text'
  /** Browser mode: a key file in the data folder, readable by this user only. */
  | 'key-file';

/** How Hearth is running. */
export interface AppInfo {
  /** `desktop` inside Electron; `browser` when served by the local Node host. */
  mode: 'desktop' | 'browser';
  version: string;
  contractVersion: number;
  /**
   * The operating system's preferred languages, most preferred first (desktop:
   * `app.getPreferredSystemLanguages()`); absent in browser mode, where the page reads
   * `navigator.languages`.
   */
  systemLanguages?: string[];
  /** How circle keys are kept on this laptop. */
  keyProtection?: KeyProtection;
}

/** What "Copy diagnostics" produced: the text, and whether main already copied it. */
export interface Diagnostics {
  text: string;
  /** True on the desktop, where main writes the clipboard; the page copies it otherwise. */
  copied: boolean;
}

/** A part of the page that failed to draw, reported to the log (never any content). */
export interface ProblemReport {
  /** Which screen or part: `notebook`, `sidebar`, `app`, … */
  where: string;
  /** The error's name (`TypeError`), never its message. */
  kind: string;
}

/** Commands from the application menu that the renderer carries out. */
export type MenuCommand =
  | 'new-circle'
  | 'new-meeting'
  | 'new-entry'
  | 'toggle-theme'
  | 'open-settings'
  | 'focus-search'
  | 'invite'
  | 'join-circle'
  | 'export'
  | 'back-up'
  | 'restore'
  | 'import-markdown';
