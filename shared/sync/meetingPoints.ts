/**
 * Meeting points beyond the room: the signalling servers on the internet (`ws://` or
 * `wss://`, y-webrtc's protocol, see ./SIGNALLING.md) and the TURN relays (coturn) a
 * circle adds so a member at home can reach the laptops in the room. A facilitator
 * writes them to the governance log (shared/notebook/governance.ts); they travel in
 * version 2 invites (./INVITE.md).
 *
 * What each sees: a meeting point relays sealed signalling (an opaque topic and
 * ciphertext); a relay forwards DTLS-encrypted datagrams. Neither holds the circle key.
 *
 * TURN credentials are either the long-term username and password a relay's operator
 * gave out, or coturn's REST credentials: username `<expiry, Unix seconds>:<name>`,
 * password base64(HMAC-SHA-1(shared secret, username)). The shared secret never enters
 * the notebook or an invite (both are copied to every laptop and kept for good); the
 * facilitator's laptop derives credentials from it (./turnCredentials.ts) and forgets it.
 */
import { array, object, string, type Check } from '../validate';

/** The most signalling meeting points a circle (and an invite) carries. */
export const MAX_SIGNALLING_POINTS = 8;
/** The most TURN relays a circle (and an invite) carries. */
export const MAX_TURN_SERVERS = 3;
/** The longest signalling address, in characters. */
export const MAX_SIGNALLING_CHARS = 128;
/** The longest TURN URL, in characters. */
export const MAX_TURN_URL_CHARS = 128;
/** The longest TURN username or credential, in characters. */
export const MAX_TURN_SECRET_CHARS = 96;

/** A TURN relay and the credentials to use it. */
export interface TurnServer {
  /** `turn:host[:port][?transport=udp|tcp]` or `turns:…`. */
  url: string;
  username: string;
  credential: string;
}

/** The meeting points a circle has beyond the room. */
export interface MeetingPoints {
  /** Signalling addresses, `ws://` or `wss://`. */
  signalling: readonly string[];
  turn: readonly TurnServer[];
}

/** No meeting point beyond the room: the default, and all a room without internet needs. */
export const NO_MEETING_POINTS: MeetingPoints = { signalling: [], turn: [] };

/** Why an address or relay is refused; each has a sentence in the locales. */
export type MeetingPointProblem =
  | 'not-a-url'
  | 'not-signalling-scheme'
  | 'not-turn-scheme'
  | 'too-long'
  | 'no-username'
  | 'no-credential'
  | 'too-many';

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST = `(\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]{2,45}\\]|${LABEL}(?:\\.${LABEL})*)`;
const PORT = '(?::(\\d{1,5}))?';
const SIGNALLING = new RegExp(`^wss?://${HOST}${PORT}(/[A-Za-z0-9._~/-]{0,80})?$`);
const TURN = new RegExp(`^turns?:${HOST}${PORT}(\\?transport=(?:udp|tcp))?$`);
// Printable ASCII and beyond, no controls and no spaces at either end.
const CREDENTIAL = /^(?!\s)[^\p{Cc}]+(?<!\s)$/u;

function hostAndPortFine(host: string, port: string | undefined): boolean {
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  // A dotted quad must be a real IPv4 address, not a hostname of digits.
  if (/^[\d.]+$/.test(host)) return host.split('.').every((octet) => Number(octet) <= 255);
  return true;
}

/** Null when `address` is a signalling address a circle may use, else why not. */
export function signallingProblem(address: string): MeetingPointProblem | null {
  if (address.length > MAX_SIGNALLING_CHARS) return 'too-long';
  if (!/^wss?:\/\//i.test(address)) {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? 'not-signalling-scheme' : 'not-a-url';
  }
  const match = SIGNALLING.exec(address);
  if (match === null || !hostAndPortFine(match[1]!, match[2])) return 'not-a-url';
  return null;
}

/** Null when `url` is a TURN URL a circle may use, else why not. */
export function turnUrlProblem(url: string): MeetingPointProblem | null {
  if (url.length > MAX_TURN_URL_CHARS) return 'too-long';
  if (!/^turns?:/i.test(url))
    return /^[a-z][a-z0-9+.-]*:/i.test(url) ? 'not-turn-scheme' : 'not-a-url';
  const match = TURN.exec(url);
  if (match === null || !hostAndPortFine(match[1]!, match[2])) return 'not-a-url';
  return null;
}

/** Null when `server` can be used as written, else why not. */
export function turnServerProblem(server: TurnServer): MeetingPointProblem | null {
  const url = turnUrlProblem(server.url);
  if (url !== null) return url;
  if (server.username.length === 0) return 'no-username';
  if (server.credential.length === 0) return 'no-credential';
  if (
    server.username.length > MAX_TURN_SECRET_CHARS ||
    server.credential.length > MAX_TURN_SECRET_CHARS
  ) {
    return 'too-long';
  }
  if (!CREDENTIAL.test(server.username) || !CREDENTIAL.test(server.credential)) return 'not-a-url';
  return null;
}

/** Null when `points` can be written to the notebook and an invite, else the first problem. */
export function meetingPointsProblem(points: MeetingPoints): MeetingPointProblem | null {
  if (points.signalling.length > MAX_SIGNALLING_POINTS) return 'too-many';
  if (points.turn.length > MAX_TURN_SERVERS) return 'too-many';
  for (const address of points.signalling) {
    const problem = signallingProblem(address);
    if (problem !== null) return problem;
  }
  for (const server of points.turn) {
    const problem = turnServerProblem(server);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * When REST credentials stop working (the expiry coturn reads from the username), in ms
 * since the epoch; null for long-term credentials, which do not expire by themselves.
 */
export function turnCredentialExpiry(server: TurnServer): number | null {
  const match = /^(\d{9,11}):/.exec(server.username);
  return match === null ? null : Number(match[1]) * 1000;
}

/** Both lists together, each address and relay once (the first of a repeated URL wins). */
export function mergeMeetingPoints(...lists: MeetingPoints[]): MeetingPoints {
  const signalling = [...new Set(lists.flatMap((points) => points.signalling))];
  const turn: TurnServer[] = [];
  for (const server of lists.flatMap((points) => points.turn)) {
    if (!turn.some((known) => known.url === server.url && known.username === server.username)) {
      turn.push(server);
    }
  }
  return { signalling, turn };
}

/** A run-time check of a signalling address, for IPC arguments and stored files. */
export const signallingAddressCheck: Check<string> = (value, path) => {
  const checked = string({ min: 5, max: MAX_SIGNALLING_CHARS })(value, path);
  if (!checked.ok || signallingProblem(checked.value) === null) return checked;
  return { ok: false, reason: `${path} is not a ws:// or wss:// address` };
};

const turnShape = object(
  {
    url: string({ min: 6, max: MAX_TURN_URL_CHARS }),
    username: string({ min: 1, max: MAX_TURN_SECRET_CHARS }),
    credential: string({ min: 1, max: MAX_TURN_SECRET_CHARS }),
  },
  { extra: 'ignore' },
);

/** A run-time check of a TURN relay with its credentials. */
export const turnServerCheck: Check<TurnServer> = (value, path) => {
  const checked = turnShape(value, path);
  if (!checked.ok || turnServerProblem(checked.value) === null) return checked;
  return { ok: false, reason: `${path} is not a usable TURN relay` };
};

/** A run-time check of the relays an invite or a profile holds. */
export const turnServersCheck: Check<TurnServer[]> = array(turnServerCheck, {
  max: MAX_TURN_SERVERS,
});
