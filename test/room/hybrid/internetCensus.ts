/**
 * Who the internet namespace's capture shows talking: every IPv4 address must be one of
 * the harness's internet addresses (203.0.113.0/24: the two routers' WAN sides and the
 * meeting points), so nothing private leaked through a NAT and nothing went anywhere
 * else; and relayed traffic (coturn's relay ports) must be there, or the capture proves
 * nothing about the path between home and room.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { INTERNET } from './hybridTopology';

const run = promisify(execFile);

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
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const outside = new Set<string>();
  let packets = 0;
  let relayed = 0;
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    packets++;
    const [src = '', dst = '', sport = '', dport = ''] = line.split('\t');
    for (const address of [src, dst]) {
      if (address !== '' && !address.startsWith(`${INTERNET.prefix}.`)) outside.add(address);
    }
    const relayPort = (port: string): boolean => Number(port) >= 49160 && Number(port) <= 49260;
    if (relayPort(sport) || relayPort(dport)) relayed++;
  }
  return { packets, outside: [...outside], relayed };
}
