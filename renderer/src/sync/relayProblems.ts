/**
 * What a member is told when a relay of the circle cannot be used: its credentials have
 * expired (coturn's REST credentials carry their expiry), or the relay refused them (a
 * STUN 401 once the credentials were sent), or it never answered. The room is not
 * affected either way: laptops that reach each other directly never needed the relay.
 */
import { turnCredentialExpiry, type TurnServer } from '../../../shared/sync/meetingPoints';

/** Why a relay cannot be used. */
export type RelayProblem = { url: string; kind: 'expired' | 'refused' | 'unreachable' };

/** The relay whose credentials have expired by `now`, if any. */
export function expiredRelay(turn: readonly TurnServer[], now: number): RelayProblem | null {
  const expired = turn.find((server) => (turnCredentialExpiry(server) ?? Infinity) <= now);
  return expired === undefined ? null : { url: expired.url, kind: 'expired' };
}

/**
 * The problem an ICE error reports for one of `turn`, or null for errors that are not
 * about a relay of the circle (a STUN server, or candidates that simply did not pair).
 * Chromium reports the relay's STUN error code; 701 is its own "no answer".
 */
export function relayErrorProblem(
  turn: readonly TurnServer[],
  url: string,
  code: number,
): RelayProblem | null {
  const server = turn.find((candidate) => sameRelay(candidate.url, url));
  if (server === undefined) return null;
  if (code === 401 || code === 403 || code === 431 || code === 438) {
    return { url: server.url, kind: 'refused' };
  }
  return code === 701 ? { url: server.url, kind: 'unreachable' } : null;
}

/**
 * Whether an allocation from one of `allocating` (relays that gave this laptop a relay
 * candidate; '' where the engine does not name the server) answers `problem`: the relay
 * took this laptop's credentials after all. Expiry is not answered this way: it is worked
 * out from the credentials themselves.
 */
export function relayWorked(problem: RelayProblem, allocating: readonly string[]): boolean {
  if (problem.kind === 'expired') return false;
  return allocating.some((url) => url === '' || sameRelay(problem.url, url));
}

/**
 * What a restarted sync keeps of the last one's problem (it restarts when the circle's
 * relays change, e.g. the notebook's arrive and replace the invite's): a refusal, while
 * that relay is still the circle's, so the member keeps seeing it until a link through
 * the relay works or they dismiss it. Silence is found again by the next link.
 */
export function carriedRelayProblem(
  problem: RelayProblem | null,
  turn: readonly TurnServer[],
): RelayProblem | null {
  if (problem?.kind !== 'refused') return null;
  return turn.some((server) => sameRelay(server.url, problem.url)) ? problem : null;
}

// Chromium names the server as it dialled it (`turn:host:port?transport=udp`).
function sameRelay(configured: string, reported: string): boolean {
  const plain = (url: string): string => url.replace(/\?.*$/, '').toLowerCase();
  const a = plain(configured);
  const b = plain(reported);
  return a === b || b.startsWith(`${a}:`) || a.startsWith(`${b}:`);
}
