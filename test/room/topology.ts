/**
 * The room's network, built inside this machine with `ip netns`: a "switch" namespace
 * holding a bridge, and one namespace per laptop joined to it by a veth pair created
 * inside the laptop's namespace (its far end moved into the switch and made a port of
 * the bridge). Addresses come from 10.77.0.0/24 and exist only inside these namespaces;
 * no namespace has a default route, so nothing can leave the room, and each laptop has
 * a route for 224.0.0.0/4 on its veth so mDNS reaches the others.
 *
 *   switch  hearth-room-<pid>-switch   br0 (no address), ports port1…portN
 *   laptop  hearth-room-<pid>-laptop<k>  lo up, eth0 = 10.77.0.<k>/24
 *
 * One laptop (the last) also has a second interface, as if a VPN were on: `vpn0`
 * (10.99.0.2/30) to a namespace of its own, `hearth-room-<pid>-vpn`, which holds that
 * laptop's default route and leads nowhere. A WebRTC policy that gathers only on the
 * default route's interface would then offer the room nothing reachable; Hearth's page
 * gathers on every interface, and the room must still connect over the LAN.
 *
 * IPv6 is switched off in every namespace before any link comes up, so the kernel's own
 * router solicitations and neighbour discovery do not show up in the capture as traffic
 * outside the subnet. Everything is made by this process and torn down by it (see
 * `tearDown`); namespaces left by a run that was killed are found by the pid in their
 * name and removed by the next run.
 */
import { execFileSync } from 'node:child_process';

/** The room's subnet; every address the harness gives out is in it. */
export const ROOM_SUBNET = { prefix: '10.77.0', bits: 24 } as const;
/** The mDNS group, the one multicast destination the room's traffic is expected to use. */
export const MDNS_GROUP = '224.0.0.251';

const NAME_PREFIX = 'hearth-room-';
const BRIDGE = 'br0';
/** The laptop's end of its veth, inside the laptop's namespace. */
export const LAPTOP_LINK = 'eth0';

/** One laptop's place on the network. */
export interface LaptopSeat {
  /** 1-based: laptop 1 makes the circle. */
  index: number;
  namespace: string;
  address: string;
  /** The veth end that is a port of the bridge, in the switch namespace. */
  switchPort: string;
  /** The VPN-like second interface's address, on the one laptop that has it. */
  vpnAddress?: string;
}

/** The network the harness built. */
export interface RoomNetwork {
  switchNamespace: string;
  bridge: string;
  seats: LaptopSeat[];
}

/** Runs `ip` and returns what it printed; throws with its stderr on failure. */
export function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Why this machine cannot build the room (not Linux, not root, no `ip`), or null. */
export function whyNoRoom(): string | null {
  if (process.platform !== 'linux')
    return `network namespaces are Linux only (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not root: creating network namespaces needs root';
  try {
    ip('netns', 'list');
  } catch (error) {
    return `the ip command does not work here (${String(error)})`;
  }
  return null;
}

const namesOf = (pid: number) => ({
  switchNamespace: `${NAME_PREFIX}${pid}-switch`,
  laptop: (index: number) => `${NAME_PREFIX}${pid}-laptop${index}`,
  vpn: `${NAME_PREFIX}${pid}-vpn`,
});

/** The second interface's name and addresses (the laptop's end and the "VPN"'s). */
export const VPN_LINK = { name: 'vpn0', laptop: '10.99.0.2', gateway: '10.99.0.1', bits: 30 };

// Gives `seat` a second interface whose far end is a namespace of its own, and makes it
// the laptop's default route, as a VPN client does.
function addVpn(seat: LaptopSeat, vpnNamespace: string): void {
  ip('netns', 'add', vpnNamespace);
  withoutIpv6(vpnNamespace);
  ip('-n', vpnNamespace, 'link', 'set', 'lo', 'up');
  ip('-n', seat.namespace, 'link', 'add', VPN_LINK.name, 'type', 'veth', 'peer', 'name', 'tunnel');
  ip('-n', seat.namespace, 'link', 'set', 'tunnel', 'netns', vpnNamespace);
  ip(
    '-n',
    seat.namespace,
    'addr',
    'add',
    `${VPN_LINK.laptop}/${VPN_LINK.bits}`,
    'dev',
    VPN_LINK.name,
  );
  ip('-n', vpnNamespace, 'addr', 'add', `${VPN_LINK.gateway}/${VPN_LINK.bits}`, 'dev', 'tunnel');
  ip('-n', seat.namespace, 'link', 'set', VPN_LINK.name, 'up');
  ip('-n', vpnNamespace, 'link', 'set', 'tunnel', 'up');
  ip(
    '-n',
    seat.namespace,
    'route',
    'add',
    'default',
    'via',
    VPN_LINK.gateway,
    'dev',
    VPN_LINK.name,
  );
  seat.vpnAddress = VPN_LINK.laptop;
}

/** The namespaces of this machine that belong to a room (this run's or an older one's). */
export function roomNamespaces(): { namespace: string; pid: number }[] {
  const found: { namespace: string; pid: number }[] = [];
  for (const line of ip('netns', 'list').split('\n')) {
    const match = new RegExp(`^(${NAME_PREFIX}(\\d+)-\\S+)`).exec(line);
    if (match !== null) found.push({ namespace: match[1]!, pid: Number(match[2]) });
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Ends every process inside `namespace` by its id: only the harness runs anything there
// (hosts, browsers, the capture), so these are processes a run of it started.
function endProcessesIn(namespace: string): number {
  let ended = 0;
  let listed: string;
  try {
    listed = ip('netns', 'pids', namespace);
  } catch {
    return 0;
  }
  const pids = listed.split('\n').filter(Boolean).map(Number);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
      ended++;
    } catch {
      // Already gone.
    }
  }
  return ended;
}

function deleteNamespace(namespace: string): void {
  try {
    ip('netns', 'del', namespace);
  } catch {
    // Never made, or already gone.
  }
}

/**
 * Removes rooms left by runs that were killed before their own teardown (their harness
 * process is gone): their processes first, then the namespaces (which takes the veths
 * and the bridge with them). Returns what it removed, for the log.
 */
export function removeAbandonedRooms(): string[] {
  const removed: string[] = [];
  for (const { namespace, pid } of roomNamespaces()) {
    if (pid === process.pid || isAlive(pid)) continue;
    const ended = endProcessesIn(namespace);
    deleteNamespace(namespace);
    removed.push(ended > 0 ? `${namespace} (${ended} processes ended)` : namespace);
  }
  return removed;
}

function withoutIpv6(namespace: string): void {
  // sysctls under net/ are per namespace; /proc/sys/net shows the reader's namespace.
  execFileSync('ip', [
    'netns',
    'exec',
    namespace,
    'sh',
    '-c',
    'echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6 && ' +
      'echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6',
  ]);
}

/** Builds the switch and `laptops` laptop namespaces, and waits until every link is up. */
export async function buildRoom(laptops: number): Promise<RoomNetwork> {
  if (laptops < 1 || laptops > 200) throw new Error(`--laptops should be 1–200, got ${laptops}`);
  const names = namesOf(process.pid);
  const room: RoomNetwork = { switchNamespace: names.switchNamespace, bridge: BRIDGE, seats: [] };
  const sw = room.switchNamespace;
  ip('netns', 'add', sw);
  withoutIpv6(sw);
  ip('-n', sw, 'link', 'set', 'lo', 'up');
  // No snooping: the bridge floods multicast like a plain switch, so mDNS reaches every port.
  ip('-n', sw, 'link', 'add', BRIDGE, 'type', 'bridge', 'mcast_snooping', '0');
  ip('-n', sw, 'link', 'set', BRIDGE, 'up');
  for (let index = 1; index <= laptops; index++) {
    const seat: LaptopSeat = {
      index,
      namespace: names.laptop(index),
      address: `${ROOM_SUBNET.prefix}.${index}`,
      switchPort: `port${index}`,
    };
    const ns = seat.namespace;
    ip('netns', 'add', ns);
    withoutIpv6(ns);
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    // Created inside the laptop's namespace; only the far end is moved, into the switch.
    ip('-n', ns, 'link', 'add', LAPTOP_LINK, 'type', 'veth', 'peer', 'name', seat.switchPort);
    ip('-n', ns, 'link', 'set', seat.switchPort, 'netns', sw);
    ip('-n', ns, 'addr', 'add', `${seat.address}/${ROOM_SUBNET.bits}`, 'dev', LAPTOP_LINK);
    ip('-n', ns, 'link', 'set', LAPTOP_LINK, 'up');
    // mDNS needs a route for multicast out of the veth; there is no default route.
    ip('-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', LAPTOP_LINK);
    ip('-n', sw, 'link', 'set', seat.switchPort, 'master', BRIDGE);
    ip('-n', sw, 'link', 'set', seat.switchPort, 'up');
    room.seats.push(seat);
  }
  if (laptops >= 2) addVpn(room.seats[laptops - 1]!, names.vpn);
  await linksUp(room);
  return room;
}

// A veth has carrier only once both ends are up, and the kernel reports it a moment
// later; until then Node lists no address on it and the host would not serve there.
async function linksUp(room: RoomNetwork): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const up = room.seats.every((seat) =>
      ip('-n', seat.namespace, 'link', 'show', 'dev', LAPTOP_LINK).includes('LOWER_UP'),
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the room’s links never came up');
}

/**
 * Cuts one laptop off the switch, or connects it again. `unplugged` takes the switch's
 * port down, so the laptop's link loses carrier (the laptop sees its network go away);
 * `silent` detaches the port from the bridge while both ends stay up, so frames vanish
 * and nothing on the laptop notices except that nobody answers (a Wi-Fi that stops
 * forwarding).
 */
export function cutLink(room: RoomNetwork, seat: LaptopSeat, how: 'unplugged' | 'silent'): void {
  if (how === 'unplugged') ip('-n', room.switchNamespace, 'link', 'set', seat.switchPort, 'down');
  else ip('-n', room.switchNamespace, 'link', 'set', seat.switchPort, 'nomaster');
}

/** Undoes `cutLink` (either kind) and waits until the laptop's link has carrier again. */
export async function restoreLink(room: RoomNetwork, seat: LaptopSeat): Promise<void> {
  ip('-n', room.switchNamespace, 'link', 'set', seat.switchPort, 'master', room.bridge);
  ip('-n', room.switchNamespace, 'link', 'set', seat.switchPort, 'up');
  await linksUp({ ...room, seats: [seat] });
}

/**
 * Ends every process still running in this run's namespaces and deletes them. Synchronous,
 * so it also runs from an exit handler; safe to call more than once.
 */
export function tearDownRoom(): void {
  for (const { namespace, pid } of roomNamespaces()) {
    if (pid !== process.pid) continue;
    endProcessesIn(namespace);
  }
  for (const { namespace, pid } of roomNamespaces()) {
    if (pid === process.pid) deleteNamespace(namespace);
  }
}

/** True when no namespace of this run is left. */
export function roomIsGone(): boolean {
  return roomNamespaces().every(({ pid }) => pid !== process.pid);
}
