/**
 * The packet capture on the room's bridge, and what it shows. `tcpdump` runs inside the
 * switch namespace for the whole meeting, on the bridge in promiscuous mode, so it sees
 * every frame the switch forwards between laptops (full frames, written unbuffered).
 *
 * Afterwards the capture is read three ways for plaintext, so that no framing hides a
 * phrase: the file's raw bytes (every datagram whole), each TCP stream's payload joined
 * in order (a phrase split across segments), and every WebSocket message unmasked by
 * tshark (a browser masks what it sends). And every frame is sorted by where it was
 * addressed: inside the subnet, the mDNS group, ARP, the kernel's IGMP reports for that
 * group — or anywhere else, which must never happen.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { SIGNALLING_PORT } from './laptop';
import { MDNS_GROUP, ROOM_SUBNET, VPN_LINK, type RoomNetwork } from './topology';

const run = promisify(execFile);
/** Where IGMPv3 membership reports go (RFC 3376); the kernel sends them when mDNS joins. */
const IGMP_REPORTS = '224.0.0.22';

/** A running capture. */
export interface BridgeCapture {
  readonly file: string;
  /** Stops tcpdump (SIGINT, so it writes out what it holds) and waits for it. */
  stop(): Promise<void>;
}

/** Starts tcpdump on the bridge; resolves once it listens. */
export async function startCapture(room: RoomNetwork, file: string): Promise<BridgeCapture> {
  const child: ChildProcess = spawn(
    'ip',
    [
      'netns',
      'exec',
      room.switchNamespace,
      'tcpdump',
      '-i',
      room.bridge,
      '-U',
      '-s',
      '0',
      '-w',
      file,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((ready, fail) => {
    let said = '';
    const timer = setTimeout(() => fail(new Error(`tcpdump did not start: ${said}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString('utf8');
      if (said.includes('listening on')) {
        clearTimeout(timer);
        ready();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`tcpdump exited: ${said}`));
    });
  });
  return {
    file,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** How the capture's frames were addressed. */
export interface TrafficCensus {
  frames: number;
  bytes: number;
  /** IPv4 between two addresses of the subnet (signalling, WebRTC, …). */
  withinSubnet: number;
  /** From a subnet address to the mDNS group. */
  mdns: number;
  arp: number;
  /** The kernel's IGMP membership reports for the mDNS group, from subnet addresses. */
  igmpReports: number;
  /**
   * ICE connectivity checks (STUN binding requests) from the VPN-like interface's address
   * of the one laptop that has it, to a laptop of the room: Chromium tries every pair of
   * candidates, and the kernel sends these out of the LAN link with the VPN source. No
   * answer can come back (no laptop has a route to that address), so no such pair is
   * ever used. Anything else from or to that address counts as outside.
   */
  vpnIceChecks: number;
  /** Anything else: must be zero. A few are kept as examples. */
  outside: number;
  outsideExamples: string[];
  /**
   * Frames by what they carry, for the report: tcp (the signalling WebSockets), udp STUN,
   * udp DTLS (the WebRTC data channels, ciphertext), udp mDNS, udp other, igmp, arp.
   */
  byKind: Record<string, number>;
}

// What a UDP payload is, by its first byte (RFC 7983's demultiplexing, plus DTLS 1.3's
// unified header, 0x20–0x3f, which tshark 4.0 does not dissect and shows as "data").
function udpKind(port: string | undefined, payloadHex: string | undefined): string {
  if (port === '5353') return 'udp mDNS';
  const first = Number.parseInt((payloadHex ?? '').replace(/:/g, '').slice(0, 2), 16);
  if (first <= 3) return 'udp STUN';
  if (first >= 20 && first <= 63) return 'udp DTLS';
  return 'udp other';
}

const inSubnet = (address: string): boolean => address.startsWith(`${ROOM_SUBNET.prefix}.`);

async function tshark(file: string, args: string[]): Promise<string> {
  // Hearth's endpoint port is not one tshark knows as HTTP; without this it would not see
  // the WebSocket upgrade, and so could not unmask the browser's frames.
  const decodeAs = ['-d', `tcp.port==${SIGNALLING_PORT},http`];
  const { stdout } = await run('tshark', ['-n', '-r', file, ...decodeAs, ...args], {
    maxBuffer: 1024 * 1024 * 1024,
  });
  return stdout;
}

/** Sorts every frame of the capture by where it was addressed. */
export async function censusOf(file: string): Promise<TrafficCensus> {
  const census: TrafficCensus = {
    frames: 0,
    bytes: 0,
    withinSubnet: 0,
    mdns: 0,
    arp: 0,
    igmpReports: 0,
    vpnIceChecks: 0,
    outside: 0,
    outsideExamples: [],
    byKind: {},
  };
  const fields = [
    'frame.number',
    'frame.len',
    'eth.type',
    'ip.src',
    'ip.dst',
    'ip.proto',
    'udp.dstport',
    'udp.payload',
  ];
  const table = await tshark(file, [
    '-T',
    'fields',
    '-E',
    'separator=/t',
    '-E',
    'occurrence=f',
    ...fields.flatMap((f) => ['-e', f]),
  ]);
  for (const line of table.split('\n')) {
    if (line === '') continue;
    const [number, length, ethType, source, destination, proto, udpPort, udpPayload] =
      line.split('\t');
    census.frames++;
    census.bytes += Number(length);
    const protocol =
      ethType === '0x0806'
        ? 'arp'
        : ({ '1': 'icmp', '2': 'igmp', '6': 'tcp', '17': 'udp' }[proto ?? ''] ??
          `other ${ethType}`);
    const kind = protocol === 'udp' ? udpKind(udpPort, udpPayload) : protocol;
    census.byKind[kind] = (census.byKind[kind] ?? 0) + 1;
    if (protocol === 'arp') census.arp++;
    else if (source !== undefined && inSubnet(source) && destination !== undefined) {
      if (inSubnet(destination)) census.withinSubnet++;
      else if (destination === MDNS_GROUP) census.mdns++;
      else if (destination === IGMP_REPORTS && protocol === 'igmp') census.igmpReports++;
      else countOutside(census, number, line);
    } else if (
      source === VPN_LINK.laptop &&
      destination !== undefined &&
      inSubnet(destination) &&
      kind === 'udp STUN'
    ) {
      census.vpnIceChecks++;
    } else countOutside(census, number, line);
  }
  return census;
}

function countOutside(census: TrafficCensus, number: string | undefined, line: string): void {
  census.outside++;
  if (census.outsideExamples.length < 5) {
    census.outsideExamples.push(`frame ${number ?? '?'}: ${line.replace(/\t/g, ' ')}`);
  }
}

/** Where a phrase was found in the capture, if anywhere. */
export interface PlaintextHit {
  phrase: string;
  /** raw bytes, a TCP stream, or a WebSocket message. */
  where: string;
}

/** Looks for every phrase, in UTF-8, in the capture's bytes, TCP streams and WebSocket text. */
export async function plaintextHits(
  file: string,
  phrases: readonly string[],
): Promise<PlaintextHit[]> {
  const views: { where: string; bytes: Buffer }[] = [
    { where: 'raw bytes', bytes: await readFile(file) },
  ];

  const streams = new Map<string, string[]>();
  const segments = await tshark(file, [
    '-Y',
    'tcp.len > 0',
    '-T',
    'fields',
    '-e',
    'tcp.stream',
    '-e',
    'tcp.payload',
  ]);
  for (const line of segments.split('\n')) {
    const [stream, payload] = line.split('\t');
    if (stream === undefined || stream === '' || payload === undefined) continue;
    const list = streams.get(stream) ?? [];
    list.push(payload.replace(/:/g, ''));
    streams.set(stream, list);
  }
  for (const [stream, hex] of streams) {
    views.push({ where: `TCP stream ${stream}`, bytes: Buffer.from(hex.join(''), 'hex') });
  }

  // Unmasked (and, if compressed, inflated) by tshark; each message on its own line.
  const texts = await tshark(file, [
    '-Y',
    'websocket.payload.text',
    '-T',
    'fields',
    '-e',
    'websocket.payload.text',
  ]);
  views.push({ where: 'WebSocket text', bytes: Buffer.from(texts, 'utf8') });

  const hits: PlaintextHit[] = [];
  for (const phrase of phrases) {
    const needle = Buffer.from(phrase, 'utf8');
    for (const view of views) {
      if (view.bytes.includes(needle)) hits.push({ phrase, where: view.where });
    }
  }
  return hits;
}

/**
 * The views of the capture that could not find what is certainly there in clear: the
 * mDNS service name in the raw bytes, the HTTP upgrade in a TCP stream, and the
 * signalling protocol's `"subscribe"` in the WebSocket text (sent masked by the browser).
 * Empty when every view works.
 */
export async function blindViews(file: string): Promise<string[]> {
  const controls = {
    'raw bytes': '_hearth',
    'TCP stream': 'Upgrade: websocket',
    'WebSocket text': '"subscribe"',
  };
  const hits = await plaintextHits(file, Object.values(controls));
  return Object.entries(controls)
    .filter(
      ([view, phrase]) => !hits.some((hit) => hit.phrase === phrase && hit.where.startsWith(view)),
    )
    .map(([view, phrase]) => `${view} (looked for ${phrase})`);
}

/** How many WebSocket text messages tshark could read (shows the third view saw something). */
export async function websocketMessages(file: string): Promise<number> {
  const out = await tshark(file, [
    '-Y',
    'websocket.payload.text',
    '-T',
    'fields',
    '-e',
    'frame.number',
  ]);
  return out.split('\n').filter(Boolean).length;
}
