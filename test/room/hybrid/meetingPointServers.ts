/**
 * The circle's meeting points on the "internet" namespace: coturn (Debian's
 * `turnserver`, with a config of its own on the namespace's address and its own ports,
 * REST credentials from a shared secret) and y-webrtc's own signalling server
 * (node_modules/y-webrtc/bin/server.js): the engines a circle would run, not stand-ins.
 * Both are started here and stopped by the run (or by the room's teardown, which ends
 * every process in the namespace).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/repoRoot';
import { INTERNET } from './hybridTopology';

/** The relay and signalling ports (not coturn's defaults, so no system coturn collides). */
export const TURN_PORT = 3479;
export const SIGNALLING_PORT = 4444;

/** The running meeting points. */
export interface MeetingPointServers {
  turnUrl: string;
  signallingUrl: string;
  /** coturn's static-auth-secret (the facilitator types it into the circle's settings). */
  secret: string;
  stop(): Promise<void>;
}

function start(namespace: string, command: string[], log: string, env = {}): ChildProcess {
  const out = openSync(log, 'a');
  return spawn('ip', ['netns', 'exec', namespace, ...command], {
    stdio: ['ignore', out, out],
    env: { ...process.env, ...env },
  });
}

async function listening(namespace: string, port: number, child: ChildProcess): Promise<void> {
  for (let waited = 0; waited < 15_000; waited += 200) {
    if (child.exitCode !== null) throw new Error(`${child.spawnfile} exited at start`);
    const open = await new Promise<boolean>((resolve) => {
      // Probed from inside the namespace: the harness itself has no route there.
      const probe = spawn(
        'ip',
        ['netns', 'exec', namespace, 'bash', '-c', `exec 3<>/dev/tcp/${INTERNET.servers}/${port}`],
        {
          stdio: 'ignore',
        },
      );
      probe.once('exit', (code) => resolve(code === 0));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`nothing listens on ${INTERNET.servers}:${port} after 15 s`);
}

/** Starts coturn and the signalling server in `namespace`, logging into `dir`. */
export async function startMeetingPoints(
  namespace: string,
  dir: string,
): Promise<MeetingPointServers> {
  const secret = randomBytes(18).toString('base64url');
  const config = join(dir, 'turnserver.conf');
  writeFileSync(
    config,
    [
      `listening-ip=${INTERNET.servers}`,
      `relay-ip=${INTERNET.servers}`,
      `listening-port=${TURN_PORT}`,
      'min-port=49160',
      'max-port=49260',
      'realm=hearth.test',
      'use-auth-secret',
      `static-auth-secret=${secret}`,
      'fingerprint',
      'no-tls',
      'no-dtls',
      'no-cli',
      'no-rfc5780',
      'no-stun-backward-compatibility',
      'no-multicast-peers',
      // As the README's config: no relaying to private addresses. Here it matters twice:
      // the internet namespace has no route to them, and coturn 4.6 closes a whole
      // allocation when one relayed send fails ("udp send: Network is unreachable"), so an
      // ICE check from the home laptop's relay to a room laptop's host candidate (10.77.0.x)
      // killed the relay link in use every few seconds.
      'denied-peer-ip=10.0.0.0-10.255.255.255',
      'denied-peer-ip=172.16.0.0-172.31.255.255',
      'denied-peer-ip=192.168.0.0-192.168.255.255',
      `pidfile=${join(dir, 'turnserver.pid')}`,
      // No userdb: with an SQLite user database, coturn 4.6 no longer finds the static
      // secret, and every REST credential is refused.
      `log-file=${join(dir, 'turnserver.log')}`,
      'simple-log',
      // Each allocation, permission and close, for reading a relay link's drop afterwards.
      'verbose',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const turn = start(
    namespace,
    ['turnserver', '-c', config, '--no-stdout-log'],
    join(dir, 'turnserver.out'),
  );
  const signalling = start(
    namespace,
    [process.execPath, join(REPO_ROOT, 'node_modules', 'y-webrtc', 'bin', 'server.js')],
    join(dir, 'signalling.log'),
    { PORT: String(SIGNALLING_PORT) },
  );
  const stopAll = async (): Promise<void> => {
    for (const child of [turn, signalling]) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    }
  };
  try {
    await listening(namespace, SIGNALLING_PORT, signalling);
    await listening(namespace, TURN_PORT, turn);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    turnUrl: `turn:${INTERNET.servers}:${TURN_PORT}`,
    signallingUrl: `ws://${INTERNET.servers}:${SIGNALLING_PORT}`,
    secret,
    stop: stopAll,
  };
}

/**
 * coturn's complaints that cost a relay link: a relayed send that failed ("udp send:
 * Network is unreachable"). coturn 4.6 closes the whole allocation on one, and the link
 * using it drops; read from its stderr in `dir` once the run is over.
 */
export function relaySendFailures(dir: string): string[] {
  const out = join(dir, 'turnserver.out');
  if (!existsSync(out)) return [];
  return readFileSync(out, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('udp send'));
}
