/** The member's preferences on this laptop, as the `hearth:settings:*` channels carry them. */
import type { CircleId } from '../notebook/ids';

/** Light, dark, or whatever the operating system prefers. */
export type ThemePreference = 'system' | 'light' | 'dark';

/** Text size steps offered in settings. */
export type TextSize = 'regular' | 'large' | 'larger';

/** The languages Hearth's words are written in (resources/locales/<code>.json). */
export const LANGUAGES = ['en', 'es'] as const;

/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** The member's language: a chosen one, or whatever the system prefers. */
export type LanguagePreference = 'system' | Language;

/** The member's preferences on this laptop (never synced). */
export interface Settings {
  theme: ThemePreference;
  textSize: TextSize;
  lastCircleId: CircleId | null;
  /**
   * STUN/TURN servers for circles whose laptops cannot reach each other directly
   * (`stun:host:port`, `turn:user:pass@host:port`). Empty by default: nothing leaves the room.
   */
  iceServers: string[];
  /**
   * The member's region for crisis lines (ISO 3166-1 alpha-2, e.g. `GB`), or null to
   * follow this computer's locale.
   */
  region: string | null;
  /** The language of Hearth's words; `system` follows the operating system (or browser). */
  language: LanguagePreference;
}
