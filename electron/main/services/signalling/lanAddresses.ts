/**
 * Which addresses count as "this room". Hearth serves and dials only IPv4 addresses
 * that cannot be reached from the internet: the private ranges of RFC 1918 (10/8,
 * 172.16/12, 192.168/16), link-local 169.254/16 (two laptops on a cable with no DHCP)
 * and loopback 127/8. The signalling endpoint listens on these by default and discovery
 * accepts only these from the network, so nothing Hearth starts by itself faces a
 * public network.
 */
import type { NetworkInterfaceInfo } from 'node:os';

/** Where this laptop's own renderer reaches its endpoint. */
export const LOOPBACK_ADDRESS = '127.0.0.1';

/** The machine's interfaces as `os.networkInterfaces()` returns them. */
export type InterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** The four octets of a dotted-quad IPv4 address, or null if `address` is not one. */
export function ipv4Octets(address: string): [number, number, number, number] | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (match === null) return null;
  const octets = match.slice(1).map(Number);
  // Leading zeros are refused: some resolvers read "010" as octal.
  if (octets.some((octet, i) => octet > 255 || String(octet) !== match[i + 1])) return null;
  return octets as [number, number, number, number];
}

/** True for an IPv4 address in 127/8. */
export function isLoopbackIPv4(address: string): boolean {
  return ipv4Octets(address)?.[0] === 127;
}

/** True for a private (RFC 1918) or link-local (RFC 3927) IPv4 address. */
export function isLanIPv4(address: string): boolean {
  const octets = ipv4Octets(address);
  if (octets === null) return false;
  const [a, b] = octets;
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

/** True for an address Hearth may serve on or dial without being told to: LAN or loopback. */
export function isRoomAddress(address: string): boolean {
  return isLanIPv4(address) || isLoopbackIPv4(address);
}

/**
 * The addresses the endpoint listens on by default: 127.0.0.1 first (this laptop's own
 * renderer), then every LAN IPv4 address of the machine's interfaces, each once.
 */
export function lanListenAddresses(interfaces: InterfaceTable): string[] {
  const found = new Set<string>([LOOPBACK_ADDRESS]);
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && isLanIPv4(info.address)) found.add(info.address);
    }
  }
  return [...found];
}
