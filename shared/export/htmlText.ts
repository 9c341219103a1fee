/**
 * Escaping for the HTML booklet, which is built as text with no DOM. Everything a
 * member wrote goes through {@link escapeHtml}; link targets through {@link safeHref},
 * which lets only http, https and mailto through.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const SAFE_SCHEME = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/**
 * An href for a link a member wrote, escaped for an attribute, or null when the link
 * is not an http(s) or mailto address (javascript:, data:, file:, relative paths).
 */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.length > 2048 || !SAFE_SCHEME.test(trimmed)) return null;
  // Control characters could smuggle a different scheme past a lax reader.
  if (/\p{Cc}/u.test(trimmed)) return null;
  return escapeHtml(trimmed);
}
