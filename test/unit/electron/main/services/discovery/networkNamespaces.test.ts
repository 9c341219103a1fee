/**
 * Two laptops in one room, for real: two network namespaces joined by a veth pair, each
 * running a Hearth rendezvous (./netnsLaptop.ts) with its defaults — endpoint on every
 * LAN address, mDNS on port 5353. Needs root (CI runs as root); anywhere else it says
 * why it skipped. Private 10.77.0.0/24 addresses exist only inside the namespaces, the
 * veth is created inside the first one, and everything is deleted in `finally`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '../../../../../..');
const LAPTOP_SCRIPT = resolve(import.meta.dirname, 'netnsLaptop.ts');
const suffix = String(process.pid);
const A = { ns: `hearth-a-${suffix}`, link: `hva${suffix}`, address: '10.77.0.1' };
const B = { ns: `hearth-b-${suffix}`, link: `hvb${suffix}`, address: '10.77.0.2' };

function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// Why namespaces cannot be made here, or null when they can.
function whyNot(): string | null {
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

function buildRoom(): void {
  ip('netns', 'add', A.ns);
  ip('netns', 'add', B.ns);
  ip('-n', A.ns, 'link', 'add', A.link, 'type', 'veth', 'peer', 'name', B.link, 'netns', B.ns);
  for (const side of [A, B]) {
    ip('-n', side.ns, 'link', 'set', 'lo', 'up');
    ip('-n', side.ns, 'addr', 'add', `${side.address}/24`, 'dev', side.link);
    ip('-n', side.ns, 'link', 'set', side.link, 'up');
    // mDNS needs a route for multicast out of the veth (there is no default route).
    ip('-n', side.ns, 'route', 'add', '224.0.0.0/4', 'dev', side.link);
  }
}

// A veth has carrier only once both ends are up, and the kernel reports it up to a second
// later; until then Node lists no address on it. (The endpoint would still pick the
// address up on its next interface poll, but the test should not time that.)
async function carrierUp(): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 50) {
    const up = [A, B].every((side) =>
      ip('-n', side.ns, 'link', 'show', 'dev', side.link).includes('LOWER_UP'),
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the veth pair never came up');
}

// Namespaces left by a run that was killed before its `finally` (its process is gone).
function removeAbandonedRooms(): void {
  for (const line of ip('netns', 'list').split('\n')) {
    const match = /^(hearth-[ab]-(\d+))\b/.exec(line);
    if (match === null) continue;
    try {
      process.kill(Number(match[2]), 0);
    } catch {
      ip('netns', 'del', match[1]!);
    }
  }
}

function tearDownRoom(): void {
  // Deleting a namespace deletes the veth end inside it, and with it the pair.
  for (const side of [A, B]) {
    try {
      ip('netns', 'del', side.ns);
    } catch {
      // Never made, or already gone.
    }
  }
}

interface Laptop {
  child: ChildProcess;
  events: Record<string, unknown>[];
  stderr: string[];
  send(command: Record<string, unknown>): void;
  waitFor(
    match: (event: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
}

function startLaptop(ns: string): Laptop {
  const child = spawn(
    'ip',
    ['netns', 'exec', ns, process.execPath, '--import', 'tsx', LAPTOP_SCRIPT],
    {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const events: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      events.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      stderr.push(line);
    }
    for (const wake of waiters) wake();
  });
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  return {
    child,
    events,
    stderr,
    send: (command) => child.stdin.write(`${JSON.stringify(command)}\n`),
    waitFor: (match, timeoutMs = 20_000) =>
      new Promise((resolvePromise, reject) => {
        const wake = (): void => {
          const found = events.find(match);
          if (found === undefined) return;
          waiters.delete(wake);
          clearTimeout(timer);
          resolvePromise(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`${ns}: not seen in ${timeoutMs} ms\n${stderr.join('\n')}`));
        }, timeoutMs);
        waiters.add(wake);
        wake();
      }),
  };
}

async function stopLaptop(laptop: Laptop): Promise<void> {
  if (laptop.child.exitCode !== null) return;
  const exited = new Promise((done) => laptop.child.once('exit', done));
  laptop.child.kill('SIGTERM');
  const timer = setTimeout(() => laptop.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

const discoveredUrl = (address: string) => (event: Record<string, unknown>) =>
  event.event === 'endpoints' &&
  (event.endpoints as { url: string; source: string }[]).some(
    (endpoint) => endpoint.source === 'discovered' && endpoint.url.startsWith(`ws://${address}:`),
  );

describe('discovery between two laptops', () => {
  it('finds each other over mDNS in two network namespaces and relays through the found endpoint', async (context) => {
    const reason = whyNot();
    if (reason !== null) {
      console.log(`network-namespace discovery test SKIPPED: ${reason}`);
      context.skip();
      return;
    }
    removeAbandonedRooms();
    tearDownRoom();
    const laptops: Laptop[] = [];
    try {
      buildRoom();
      await carrierUp();
      console.log(
        `network-namespace discovery test: running in two network namespaces (${A.ns} ${A.address}, ${B.ns} ${B.address}) joined by a veth pair`,
      );
      const a = startLaptop(A.ns);
      const b = startLaptop(B.ns);
      laptops.push(a, b);
      const foundByA = await a.waitFor(discoveredUrl(B.address));
      const foundByB = await b.waitFor(discoveredUrl(A.address));
      // Both laptops run from the later one's start: that is how long finding each other took.
      const bothRunning = Math.max(Number(a.events[0]!.epochMs), Number(b.events[0]!.epochMs));
      const bothFound = Math.max(Number(foundByA.epochMs), Number(foundByB.epochMs));
      console.log(
        `network-namespace discovery: found each other ${bothFound - bothRunning} ms after both were running (A found B ${String(foundByA.atMs)} ms after A started, B found A ${String(foundByB.atMs)} ms after B started)`,
      );
      const urlOfB = (foundByA.endpoints as { url: string; source: string }[]).find((endpoint) =>
        endpoint.url.startsWith(`ws://${B.address}:`),
      )!.url;
      // B's own laptop-side list names its LAN address too, and never the other's as its own.
      const ownOfB = (foundByB.endpoints as { url: string; source: string }[])
        .filter((endpoint) => endpoint.source === 'this-laptop')
        .map((endpoint) => endpoint.url);
      expect(ownOfB[0]).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
      expect(ownOfB).toContain(urlOfB);

      // A reaches B's endpoint across the veth; B uses it through loopback.
      a.send({ cmd: 'subscribe', url: urlOfB, topic: 'room-ab' });
      b.send({ cmd: 'subscribe', url: ownOfB[0], topic: 'room-ab' });
      await a.waitFor((event) => event.event === 'subscribed');
      await b.waitFor((event) => event.event === 'subscribed');
      a.send({ cmd: 'publish', topic: 'room-ab', data: 'sealed hello from A' });
      b.send({ cmd: 'publish', topic: 'room-ab', data: 'sealed hello from B' });
      await b.waitFor(
        (event) => event.event === 'received' && event.data === 'sealed hello from A',
      );
      await a.waitFor(
        (event) => event.event === 'received' && event.data === 'sealed hello from B',
      );

      // B leaves with a goodbye: A's list drops it.
      const seenBefore = a.events.length;
      await stopLaptop(b);
      await a.waitFor(
        (event) =>
          event.event === 'endpoints' &&
          a.events.indexOf(event) >= seenBefore &&
          (event.endpoints as { source: string }[]).every(
            (endpoint) => endpoint.source !== 'discovered',
          ),
      );
    } finally {
      await Promise.all(laptops.map(stopLaptop));
      tearDownRoom();
    }
    expect(ip('netns', 'list')).not.toMatch(new RegExp(`hearth-[ab]-${suffix}`));
  }, 60_000);
});
