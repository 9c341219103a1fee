/**
 * Links in entries may point only to web pages and e-mail addresses: no `javascript:`,
 * no `file:`, nothing that runs or reads on this laptop.
 */

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** True when `url` is an absolute http(s) or mailto URL. */
export function isSafeLink(url: string): boolean {
  try {
    return ALLOWED_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Turns what a member typed ("example.org") into a link, or null if it cannot be one. */
export function normaliseLink(typed: string): string | null {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  if (isSafeLink(trimmed)) return trimmed;
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return `mailto:${trimmed}`;
  const withScheme = `https://${trimmed}`;
  return isSafeLink(withScheme) && !/\s/.test(trimmed) ? withScheme : null;
}
