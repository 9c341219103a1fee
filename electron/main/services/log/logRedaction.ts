/**
 * What may be written to Hearth's log file. The log is something a facilitator sends to
 * whoever helps them, so it must never hold a member's words, a name or a key. Messages
 * are fixed sentences in the code; the detail of a line is filtered here, whatever the
 * caller passed:
 *
 * - a value under a key that names content (`name`, `title`, `text`, `body`, `key`,
 *   `passphrase`, `invite`, …) is withheld;
 * - numbers, booleans and null are kept; strings are cut to 240 characters, the home
 *   folder becomes `~` (it usually carries the person's account name), and anything that
 *   looks like a key or token (a long base64 or hex run) is replaced;
 * - nested objects and arrays are filtered the same way, two levels deep.
 */
import type { LogRecord } from '../../../../shared/log';

const WITHHELD_KEYS =
  /name|title|text|body|content|words|key|secret|passphrase|password|token|invite|prompt|note|entry|phrase|query|search/i;
// 32+ characters of base64url (a circle key is 43, an invite longer) or of hex: keys,
// tokens, invite payloads. Paths are not caught: their slashes and dots break the run.
const KEY_LIKE = /[A-Za-z0-9_-]{32,}|[A-Za-z0-9+]{32,}={0,2}/g;
const MAX_STRING = 240;
const MAX_DEPTH = 2;

/** A string as it may be logged: short, with no home folder and nothing key-like. */
export function safeText(text: string, homeDir: string): string {
  let safe = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
  if (homeDir.length > 1) safe = safe.split(homeDir).join('~');
  return safe.replace(KEY_LIKE, '[withheld]');
}

function safeValue(value: unknown, homeDir: string, depth: number): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return safeText(value, homeDir);
  if (value instanceof Error) return safeText(`${value.name}: ${value.message}`, homeDir);
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 16).map((v) => safeValue(v, homeDir, depth + 1));
  if (typeof value === 'object')
    return safeDetail(value as Record<string, unknown>, homeDir, depth + 1);
  return `[${typeof value}]`;
}

/** The detail of a log line with content withheld (see the module comment). */
export function safeDetail(
  detail: Record<string, unknown>,
  homeDir: string,
  depth = 0,
): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    safe[key] = WITHHELD_KEYS.test(key) ? '[withheld]' : safeValue(value, homeDir, depth);
  }
  return safe;
}

/** One log line as written to the file: level, scope, message and the filtered detail. */
export function logLine(record: LogRecord, homeDir: string): string {
  const message = safeText(record.message, homeDir);
  const detail =
    record.detail === undefined ? '' : ` ${JSON.stringify(safeDetail(record.detail, homeDir))}`;
  return `[${record.scope}] ${message}${detail}`;
}
