/**
 * The member's preferences on this laptop, in `settings.json` (plain JSON: nothing in
 * it is sensitive), version 1: `{ "version": 1, "theme", "textSize", "lastCircleId",
 * "iceServers", "region", "language" }` (`iceServers`, `region` and `language`, added later
 * in version 1, read as `[]`, `null` and `system` when absent).
 * A field that is missing or not understood reads as its default, so a damaged or
 * older file never stops Hearth from starting.
 */
import { LANGUAGES, type Settings } from '../../../../shared/ipc/contract';
import type { CircleId } from '../../../../shared/notebook/ids';
import { logger } from '../../../../shared/log';
import * as v from '../../../../shared/validate';
import { isMissingFile, writeFileAtomically, type StoreFileSystem } from './fileSystem';

const log = logger('store');
const SETTINGS_VERSION = 1;

/** Settings of a new installation. */
export const DEFAULT_SETTINGS: Readonly<Settings> = {
  theme: 'system',
  textSize: 'regular',
  lastCircleId: null,
  // No STUN or TURN: laptops in one room connect directly, and nothing leaves the room.
  iceServers: [],
  // Null: the crisis panel follows the computer's locale until the member picks a region.
  region: null,
  // Follows the operating system (or the browser) until the member picks a language.
  language: 'system',
};

const FIELDS: { [K in keyof Settings]: v.Check<Settings[K]> } = {
  theme: v.oneOf(['system', 'light', 'dark'] as const),
  textSize: v.oneOf(['regular', 'large', 'larger'] as const),
  lastCircleId: v.nullable(
    v.branded<CircleId>(v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]+$/ })),
  ),
  // The same rule as the settings update in shared/ipc/arguments.ts: only stun:, turn: and
  // turns: URLs reach the ICE agent, at most eight.
  iceServers: v.array(v.string({ min: 6, max: 300, pattern: /^(stun|turns?):[^\s]+$/ }), {
    max: 8,
  }),
  region: v.nullable(v.string({ min: 2, max: 2, pattern: /^[A-Z]{2}$/ })),
  language: v.oneOf(['system', ...LANGUAGES] as const),
};

/** Reads the settings file; defaults for anything missing or unreadable. */
export async function readSettings(fs: StoreFileSystem, path: string): Promise<Settings> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(await fs.readFile(path)).toString('utf8'));
  } catch (error) {
    if (!isMissingFile(error)) log.warn('settings could not be read; using defaults');
    return { ...DEFAULT_SETTINGS, iceServers: [] };
  }
  const record = typeof parsed === 'object' && parsed !== null ? parsed : {};
  return {
    theme: field(record, 'theme'),
    textSize: field(record, 'textSize'),
    lastCircleId: field(record, 'lastCircleId'),
    iceServers: field(record, 'iceServers'),
    region: field(record, 'region'),
    language: field(record, 'language'),
  };
}

function field<K extends keyof Settings>(record: object, key: K): Settings[K] {
  const value: unknown = (record as Record<string, unknown>)[key];
  if (value === undefined) return copyOf(DEFAULT_SETTINGS[key]);
  const checked = FIELDS[key](value, `settings.${key}`);
  if (checked.ok) return checked.value;
  log.warn('ignored a setting that is not understood', { reason: checked.reason });
  return copyOf(DEFAULT_SETTINGS[key]);
}

// A default list is handed out as a copy, so no caller can change the default itself.
function copyOf<T>(value: T): T {
  return Array.isArray(value) ? ([...value] as T) : value;
}

/** Replaces the settings file. */
export async function writeSettings(
  fs: StoreFileSystem,
  path: string,
  settings: Settings,
): Promise<void> {
  const json = `${JSON.stringify({ version: SETTINGS_VERSION, ...settings }, null, 2)}\n`;
  await writeFileAtomically(fs, path, Buffer.from(json, 'utf8'));
}
