/**
 * The hybrid meeting's network, built inside this machine with `ip netns` (names share
 * the room's prefix, so ../topology.ts tears them down and removes abandoned ones):
 *
 *   inet     the "internet": bridge br0 = 203.0.113.1/24 (TEST-NET-3), where coturn and
 *            the signalling server listen. No default route: nothing leaves the harness.
 *   roomgw   the room's router: wan0 203.0.113.2 on br0, lan0 10.77.0.254/24 on the
 *            room's switch; MASQUERADE out of wan0 (a usual home/office NAT).
 *   switch   the room's LAN bridge; laptop<k> = 10.77.0.<k>/24, default route via roomgw.
 *   homegw   the home router: wan0 203.0.113.3 on br0, lan0 192.168.7.1/30 to the home
 *            laptop; MASQUERADE --random, so each destination sees another source port
 *            and no direct path through it can be punched: home needs the relay.
 *   home<k>  a home laptop: eth0 192.168.7.<4k+2>/30 to its own lan on homegw.
 *
 * IPv6 is off everywhere, as in the room.
 */
import { execFileSync } from 'node:child_process';
import { ip, type LaptopSeat } from '../topology';

/** The internet's subnet, and the address the meeting points listen on. */
export const INTERNET = { prefix: '203.0.113', bits: 24, servers: '203.0.113.1' } as const;
const ROOM_GW_WAN = '203.0.113.2';
const HOME_GW_WAN = '203.0.113.3';
const ROOM_GW_LAN = '10.77.0.254';

/** The hybrid network the harness built. */
export interface HybridNetwork {
  internetNamespace: string;
  internetBridge: string;
  roomGateway: string;
  homeGateway: string;
  switchNamespace: string;
  room: LaptopSeat[];
  home: LaptopSeat[];
}

function netns(namespace: string, ...command: string[]): string {
  return execFileSync('ip', ['netns', 'exec', namespace, ...command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function newNamespace(name: string): void {
  ip('netns', 'add', name);
  netns(
    name,
    'sh',
    '-c',
    'echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6 && ' +
      'echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6',
  );
  ip('-n', name, 'link', 'set', 'lo', 'up');
}

// A veth made inside `from` (named `here`), its far end moved into `to` (named `there`).
function wire(from: string, here: string, to: string, there: string): void {
  ip('-n', from, 'link', 'add', here, 'type', 'veth', 'peer', 'name', there);
  ip('-n', from, 'link', 'set', there, 'netns', to);
  ip('-n', from, 'link', 'set', here, 'up');
  ip('-n', to, 'link', 'set', there, 'up');
}

function router(namespace: string, nat: string[]): void {
  netns(namespace, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward');
  netns(
    namespace,
    'iptables',
    '-t',
    'nat',
    '-A',
    'POSTROUTING',
    '-o',
    'wan0',
    '-j',
    'MASQUERADE',
    ...nat,
  );
}

/** Builds the hybrid network for `roomLaptops` laptops in the room and `homeLaptops` at home. */
export async function buildHybrid(
  roomLaptops: number,
  homeLaptops: number,
): Promise<HybridNetwork> {
  const base = `hearth-room-${process.pid}-`;
  const net: HybridNetwork = {
    internetNamespace: `${base}inet`,
    internetBridge: 'br0',
    roomGateway: `${base}roomgw`,
    homeGateway: `${base}homegw`,
    switchNamespace: `${base}switch`,
    room: [],
    home: [],
  };
  const inet = net.internetNamespace;
  for (const name of [inet, net.roomGateway, net.homeGateway, net.switchNamespace]) {
    newNamespace(name);
  }
  ip('-n', inet, 'link', 'add', 'br0', 'type', 'bridge');
  ip('-n', inet, 'addr', 'add', `${INTERNET.servers}/${INTERNET.bits}`, 'dev', 'br0');
  ip('-n', inet, 'link', 'set', 'br0', 'up');
  ip('-n', net.switchNamespace, 'link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0');
  ip('-n', net.switchNamespace, 'link', 'set', 'br0', 'up');

  // The routers' WAN sides on the internet's bridge.
  for (const [gateway, address, port] of [
    [net.roomGateway, ROOM_GW_WAN, 'roomwan'],
    [net.homeGateway, HOME_GW_WAN, 'homewan'],
  ] as const) {
    wire(gateway, 'wan0', inet, port);
    ip('-n', inet, 'link', 'set', port, 'master', 'br0');
    ip('-n', gateway, 'addr', 'add', `${address}/${INTERNET.bits}`, 'dev', 'wan0');
  }
  // The room router's LAN side on the room's switch.
  wire(net.roomGateway, 'lan0', net.switchNamespace, 'gwport');
  ip('-n', net.switchNamespace, 'link', 'set', 'gwport', 'master', 'br0');
  ip('-n', net.roomGateway, 'addr', 'add', `${ROOM_GW_LAN}/24`, 'dev', 'lan0');
  router(net.roomGateway, []);
  router(net.homeGateway, ['--random']);

  for (let index = 1; index <= roomLaptops; index++) {
    const seat: LaptopSeat = {
      index,
      namespace: `${base}laptop${index}`,
      address: `10.77.0.${index}`,
      switchPort: `port${index}`,
    };
    newNamespace(seat.namespace);
    wire(seat.namespace, 'eth0', net.switchNamespace, seat.switchPort);
    ip('-n', net.switchNamespace, 'link', 'set', seat.switchPort, 'master', 'br0');
    ip('-n', seat.namespace, 'addr', 'add', `${seat.address}/24`, 'dev', 'eth0');
    ip('-n', seat.namespace, 'route', 'add', '224.0.0.0/4', 'dev', 'eth0');
    ip('-n', seat.namespace, 'route', 'add', 'default', 'via', ROOM_GW_LAN);
    net.room.push(seat);
  }
  for (let k = 1; k <= homeLaptops; k++) {
    const subnet = 4 * k;
    const seat: LaptopSeat = {
      index: roomLaptops + k,
      namespace: `${base}home${k}`,
      address: `192.168.7.${subnet + 2}`,
      switchPort: `home${k}`,
    };
    newNamespace(seat.namespace);
    wire(seat.namespace, 'eth0', net.homeGateway, seat.switchPort);
    ip('-n', net.homeGateway, 'addr', 'add', `192.168.7.${subnet + 1}/30`, 'dev', seat.switchPort);
    ip('-n', seat.namespace, 'addr', 'add', `${seat.address}/30`, 'dev', 'eth0');
    ip('-n', seat.namespace, 'route', 'add', 'default', 'via', `192.168.7.${subnet + 1}`);
    net.home.push(seat);
  }
  await carrier(net);
  return net;
}

async function carrier(net: HybridNetwork): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const up = [...net.room, ...net.home].every((seat) =>
      ip('-n', seat.namespace, 'link', 'show', 'dev', 'eth0').includes('LOWER_UP'),
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the hybrid network’s links never came up');
}

/** Cuts the home router off the internet (its WAN port down), or brings it back. */
export function setHomeLink(net: HybridNetwork, up: boolean): void {
  ip('-n', net.internetNamespace, 'link', 'set', 'homewan', up ? 'up' : 'down');
}

/**
 * Fences one home laptop in: the home router forwards only its traffic to the meeting
 * points' own ports (the relay's and the signalling server's), so it can knock on the
 * relay and hear the room's signals but reach no laptop, neither across the home LAN nor
 * through another laptop's relay address. Returns what lifts the fence.
 */
export function fenceHomeLaptop(
  net: HybridNetwork,
  seat: LaptopSeat,
  meetingPointPorts: { turn: number; signalling: number },
): () => void {
  const chain = `fence-${seat.switchPort}`;
  const iptables = (...rule: string[]): string => netns(net.homeGateway, 'iptables', ...rule);
  iptables('-N', chain);
  for (const [protocol, port] of [
    ['udp', meetingPointPorts.turn],
    ['tcp', meetingPointPorts.turn],
    ['tcp', meetingPointPorts.signalling],
  ] as const) {
    iptables(
      '-A',
      chain,
      '-d',
      INTERNET.servers,
      '-p',
      protocol,
      '--dport',
      String(port),
      '-j',
      'ACCEPT',
    );
  }
  iptables('-A', chain, '-j', 'DROP');
  iptables('-I', 'FORWARD', '-i', seat.switchPort, '-j', chain);
  // Nothing reaches it from the other home laptops either (replies to its own knocks
  // come back through the NAT from the internet side).
  iptables('-I', 'FORWARD', '-o', seat.switchPort, '!', '-i', 'wan0', '-j', 'DROP');
  return () => {
    iptables('-D', 'FORWARD', '-o', seat.switchPort, '!', '-i', 'wan0', '-j', 'DROP');
    iptables('-D', 'FORWARD', '-i', seat.switchPort, '-j', chain);
    iptables('-F', chain);
    iptables('-X', chain);
  };
}
