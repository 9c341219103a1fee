/**
 * ICE servers from the member's settings. Empty by default: laptops in one room reach
 * each other by their local addresses, and nothing is asked of any server outside it.
 */

/** Turns `stun:host:port` and `turn:user:password@host:port` into RTCIceServer entries. */
export function iceServersFrom(urls: readonly string[]): RTCIceServer[] {
  const servers: RTCIceServer[] = [];
  for (const url of urls) {
    const match = /^(turns?):([^:@/\s]+):([^@/\s]+)@(.+)$/.exec(url);
    if (match !== null) {
      servers.push({
        urls: `${match[1]!}:${match[4]!}`,
        username: decodeURIComponent(match[2]!),
        credential: decodeURIComponent(match[3]!),
      });
    } else if (/^(stun|turns?):\S+$/.test(url)) {
      servers.push({ urls: url });
    }
  }
  return servers;
}
