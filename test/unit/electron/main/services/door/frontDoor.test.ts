/**
 * The open door against knockers on loopback: the real door (frontDoor.ts) and the real
 * knocker state machine over real WebSockets, with the limits made short where a test
 * needs time to pass.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  openFrontDoor,
  type FrontDoor,
} from '../../../../../../electron/main/services/door/frontDoor';
import type { DoorLimits } from '../../../../../../electron/main/services/door/doorLimits';
import { DOOR_SUBPROTOCOL } from '../../../../../../electron/main/services/door/doorRecords';
import { encodeInvite } from '../../../../../../shared/sync/invite';
import type { CircleId } from '../../../../../../shared/notebook/ids';
import { captureLogs } from '../../../fakes';
import { recordKnock } from '../../../../../helpers/recordingKnocker';

const CIRCLE = {
  circleId: 'Q2lyY2xlSWRPZlRoZURvbw' as CircleId,
  circleKey: 'S2V5T2ZUaGVDaXJjbGVUaGF0TXVzdE5vdExlYWsxMjM',
  circleName: 'Tuesday night circle',
  endpoints: ['ws://127.0.0.1:4455'],
};
const INVITE = (() => {
  const encoded = encodeInvite(CIRCLE);
  if (!encoded.ok) throw new Error(encoded.reason);
  return encoded.value;
})();

const doors: FrontDoor[] = [];
afterEach(async () => {
  for (const door of doors.splice(0)) await door.close();
});

async function open(limits: Partial<DoorLimits> = {}, onChange = (): void => undefined) {
  const door = await openFrontDoor({
    hosts: ['127.0.0.1'],
    invite: () => Promise.resolve(INVITE),
    onChange,
    limits,
  });
  doors.push(door);
  return { door, url: `ws://127.0.0.1:${door.port}/door` };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((next) => setTimeout(next, 10));
  }
}

/** True when `needle` appears anywhere in any of `frames`. */
function contains(frames: Uint8Array[], needle: Uint8Array): boolean {
  const all = Buffer.concat(frames.map((frame) => Buffer.from(frame)));
  return all.includes(Buffer.from(needle));
}

describe('an open door', () => {
  it('shows a knock with the same four words as the knocker, and lets them in with the invite', async () => {
    const { door, url } = await open();
    const knock = recordKnock(url, 'Sam');
    const words = await knock.words;
    await until(() => door.knocks().length === 1);
    const [waiting] = door.knocks();
    expect(waiting).toMatchObject({ memberName: 'Sam', colour: 'sage', words: [...words!] });
    expect(await door.answer(waiting!.knockId, 'let-in')).toBe(true);
    const done = await knock.done;
    expect(done).toMatchObject({ kind: 'let-in', invite: CIRCLE });
    expect(door.knocks()).toEqual([]);
    expect(door.letIn()).toEqual([{ memberName: 'Sam', colour: 'sage' }]);
  });

  it('answers "not now" with nothing that names the circle: every byte the knocker got is checked', async () => {
    const { door, url } = await open();
    const knock = recordKnock(url, 'Eve');
    await knock.words;
    await until(() => door.knocks().length === 1);
    await door.answer(door.knocks()[0]!.knockId, 'not-now');
    expect(await knock.done).toEqual({ kind: 'ended', reason: 'not-now' });
    // DOOR_KEY (34 bytes) and END not now (3 bytes): nothing else crossed.
    expect(knock.received.map((frame) => frame.length)).toEqual([34, 3]);
    expect(knock.received[1]).toEqual(Uint8Array.of(1, 5, 1));
    const secrets = [
      Buffer.from(CIRCLE.circleKey, 'base64url'),
      Buffer.from(CIRCLE.circleId, 'base64url'),
      Buffer.from(CIRCLE.circleName, 'utf8'),
      Buffer.from(CIRCLE.circleKey, 'utf8'),
      Buffer.from(CIRCLE.circleId, 'utf8'),
      Buffer.from('127.0.0.1:4455', 'utf8'),
    ];
    for (const secret of secrets) expect(contains(knock.received, secret)).toBe(false);
  });

  it('lets several knockers wait at once, each with their own words', async () => {
    const { door, url } = await open();
    const knocks = ['Ana', 'Ben', 'Cat'].map((name) => recordKnock(url, name));
    const words = await Promise.all(knocks.map((knock) => knock.words));
    await until(() => door.knocks().length === 3);
    expect(new Set(words.map((w) => w!.join(' '))).size).toBe(3);
    const byName = new Map(door.knocks().map((k) => [k.memberName, k]));
    expect(byName.get('Ben')!.words).toEqual([...words[1]!]);
    await door.answer(byName.get('Ben')!.knockId, 'let-in');
    await door.answer(byName.get('Ana')!.knockId, 'not-now');
    expect((await knocks[1]!.done).kind).toBe('let-in');
    expect(await knocks[0]!.done).toEqual({ kind: 'ended', reason: 'not-now' });
    expect(door.knocks().map((k) => k.memberName)).toEqual(['Cat']);
  });

  it('tells a knock beyond the waiting limit that the door is busy', async () => {
    const { door, url } = await open({ maxWaiting: 2 });
    const first = [recordKnock(url, 'Ana'), recordKnock(url, 'Ben')];
    await Promise.all(first.map((knock) => knock.words));
    await until(() => door.knocks().length === 2);
    const third = recordKnock(url, 'Cat');
    expect(await third.done).toEqual({ kind: 'ended', reason: 'busy' });
    expect(door.knocks()).toHaveLength(2);
  });

  it('lets a knock expire unanswered', async () => {
    const { door, url } = await open({ knockExpiryMs: 300 });
    const knock = recordKnock(url);
    await knock.words;
    await until(() => door.knocks().length === 1);
    expect(await knock.done).toEqual({ kind: 'ended', reason: 'expired' });
    expect(door.knocks()).toEqual([]);
    expect(await door.answer('gone', 'let-in')).toBe(false);
  });

  it('tells everyone still knocking when it closes, and is not there for a knock after', async () => {
    const { door, url } = await open();
    const knock = recordKnock(url);
    await knock.words;
    await door.close();
    expect(await knock.done).toEqual({ kind: 'ended', reason: 'door-closed' });
    const late = recordKnock(url);
    const done = await late.done;
    expect(done.kind).toBe('closed');
    expect(late.received).toEqual([]);
  });

  it('refuses an address over its knock rate at the handshake (429)', async () => {
    const { url } = await open({ knocksPerAddress: 3 });
    const knocks = [1, 2, 3, 4].map(() => recordKnock(url));
    await until(() =>
      knocks.every((knock) => knock.refusedWith !== null || knock.received.length > 0),
    );
    const statuses = knocks.map((knock) => knock.refusedWith).sort();
    expect(statuses).toEqual([429, null, null, null]);
    for (const knock of knocks) knock.close();
  });

  it('closes a connection that sends a malformed message, logging the reason and not the bytes', async () => {
    const logs = captureLogs();
    try {
      const { door, url } = await open();
      const knock = recordKnock(url, 'Sam', { start: false });
      await until(() => door.knocks().length === 0 && knock.closeCode === null);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const secret = 'SECRET-PAYLOAD-THAT-MUST-NOT-BE-LOGGED';
      knock.sendRaw(Uint8Array.of(1, 1, ...Buffer.from(secret)));
      await until(() => knock.closeCode !== null);
      expect(knock.closeCode).toBe(1002);
      const written = JSON.stringify(logs.records);
      expect(written).toContain('refused a knock');
      expect(written).not.toContain(secret);
      expect(written).not.toContain('SECRET');
    } finally {
      logs.restore();
    }
  });

  it('closes a connection that sends an oversized frame (1009) or a text frame (1002)', async () => {
    const { url } = await open();
    const big = recordKnock(url, 'Sam', { start: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    big.sendRaw(new Uint8Array(4096));
    await until(() => big.closeCode !== null);
    expect(big.closeCode).toBe(1009);
    const text = recordKnock(url, 'Sam', { start: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    text.sendRaw('hello');
    await until(() => text.closeCode !== null);
    expect(text.closeCode).toBe(1002);
  });

  it('closes a knocker that does not finish the exchange in time', async () => {
    const { url } = await open({ handshakeMs: 200 });
    const silent = recordKnock(url, 'Sam', { start: false });
    await until(() => silent.closeCode !== null);
    expect(silent.closeCode).toBe(1002);
  });

  it('refuses handshakes on another path, without the protocol, or from a web page', async () => {
    const { door } = await open();
    const status = (url: string, protocol: string | undefined, origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, protocol === undefined ? [] : [protocol], {
          ...(origin === undefined ? {} : { origin }),
        });
        ws.on('unexpected-response', (_request, response) => {
          resolve(response.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => {
          resolve(101);
          ws.close();
        });
        ws.on('error', () => undefined);
      });
    const base = `ws://127.0.0.1:${door.port}`;
    expect(await status(`${base}/other`, DOOR_SUBPROTOCOL)).toBe(404);
    expect(await status(`${base}/door`, undefined)).toBe(400);
    expect(await status(`${base}/door`, DOOR_SUBPROTOCOL, 'https://evil.example')).toBe(403);
    expect(await status(`${base}/door`, DOOR_SUBPROTOCOL)).toBe(101);
  });
});
