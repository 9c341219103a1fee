/**
 * Who the internet namespace's capture shows talking: every IPv4 address must be one of
 * the harness's internet addresses (203.0.113.0/24: the two routers' WAN sides and the
 * meeting points), so nothing private leaked through a NAT and nothing went anywhere
 * else; and relayed traffic (coturn's relay ports) must be there, or the capture proves
 * nothing about the path between home and room. The one exception is the kernel's own
 * IGMP membership report from a harness address (to 224.0.0.22, for a group such as
 * 224.0.0.106 that Linux joins as an interface comes up): no program sends it, and it
 * lands in the capture or not by when the capture starts (seed 1308383224, frame 1).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { INTERNET } from './hybridTopology';

const run = promisify(execFile);

/** Where IGMPv3 membership reports go (RFC 3376). */
const IGMP_REPORTS = '224.0.0.22';
const IGMP = '2';

/** What the capture holds. */
export interface InternetCensus {
  packets: number;
  /** Addresses outside the internet subnet, each once. */
  outside: string[];
  /** UDP packets to or from coturn's relay ports. */
  relayed: number;
}

/** Reads the capture with tshark. */
export async function internetCensus(file: string): Promise<InternetCensus> {
  const { stdout } = await run(
    'tshark',
    [
      '-r',
      file,
      '-T',
      'fields',
      '-e',
      'ip.src',
      '-e',
      'ip.dst',
      '-e',
      'udp.srcport',
      '-e',
      'udp.dstport',
      '-e',
      'ip.proto',
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const outside = new Set<string>();
  let packets = 0;
  let relayed = 0;
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    packets++;
    const [src = '', dst = '', sport = '', dport = '', proto = ''] = line.split('\t');
    const ours = (address: string): boolean => address.startsWith(`${INTERNET.prefix}.`);
    if (proto === IGMP && dst === IGMP_REPORTS && ours(src)) continue;
    for (const address of [src, dst]) {
      if (address !== '' && !ours(address)) outside.add(address);
    }
    const relayPort = (port: string): boolean => Number(port) >= 49160 && Number(port) <= 49260;
    if (relayPort(sport) || relayPort(dport)) relayed++;
  }
  return { packets, outside: [...outside], relayed };
}
