/**
 * coturn's REST credentials ("TURN REST API", `use-auth-secret` in turnserver.conf):
 * username `<expiry in Unix seconds>:<name>`, password the standard base64 of
 * HMAC-SHA-1(shared secret, username). coturn checks the HMAC and refuses the username
 * once its expiry has passed, so what a laptop holds stops working by itself.
 *
 * Where the secret lives: with the facilitator (or the relay's operator), typed into the
 * circle's settings only to derive credentials, and never kept by Hearth. The notebook
 * and the invites are copied to every laptop and forwarded; a secret in them would let
 * anyone who ever held either mint credentials for that relay for ever, for any name and
 * any circle sharing the relay. Derived credentials lapse; renewing them means typing the
 * secret again.
 */
import { toBase64Url } from '../crypto/base64url';
import type { TurnServer } from './meetingPoints';

/** How long derived credentials last unless the facilitator says otherwise: 30 days. */
export const DEFAULT_TURN_VALIDITY_MS = 30 * 24 * 60 * 60 * 1000;

/** Standard base64 with padding, as coturn compares it. */
function toBase64(bytes: Uint8Array): string {
  const url = toBase64Url(bytes).replaceAll('-', '+').replaceAll('_', '/');
  return url + '='.repeat((4 - (url.length % 4)) % 4);
}

/** Credentials for `url` derived from coturn's shared `secret`, valid until `now + validityMs`. */
export async function restCredentials(
  url: string,
  secret: string,
  options: { name: string; now: number; validityMs?: number },
): Promise<TurnServer> {
  const expiry = Math.floor(
    (options.now + (options.validityMs ?? DEFAULT_TURN_VALIDITY_MS)) / 1000,
  );
  const username = `${expiry}:${options.name}`;
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(username));
  return { url, username, credential: toBase64(new Uint8Array(mac)) };
}
