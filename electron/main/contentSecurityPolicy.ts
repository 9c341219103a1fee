/**
 * The renderer's Content-Security-Policy: only the app's own scripts, no remote
 * content, no plugins, no framing. WebSocket and WebRTC stay within this laptop and
 * the room: `ws:` is needed for the browser-mode bridge and for signalling endpoints
 * on the local network, whose addresses are not known in advance.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws:",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The policy for the page's <meta> tag (browsers ignore frame-ancestors there). */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.join('; ');

/** The policy for response headers: the same, and the page may not be framed. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
