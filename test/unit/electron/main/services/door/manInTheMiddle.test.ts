/**
 * A relay between a knocker and a door (./doorRelay.ts), against main's real knock client
 * (knockClient.ts) and the real open door (frontDoor.ts). Replacing both keys gives the two
 * screens different words, so the facilitator comparing them aloud says "Not now", and
 * the relay never holds the circle key; a relay that only passes bytes on sees the same
 * words on both screens and a sealed invite it cannot open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  openFrontDoor,
  type FrontDoor,
} from '../../../../../../electron/main/services/door/frontDoor';
import { knockOnDoor } from '../../../../../../electron/main/services/door/knockClient';
import type { KnockEnd } from '../../../../../../shared/ipc/contract';
import type { CircleId } from '../../../../../../shared/notebook/ids';
import { encodeInvite, type Invite } from '../../../../../../shared/sync/invite';
import { startDoorRelay, type DoorRelay } from './doorRelay';

const CIRCLE: Invite = {
  circleId: 'UmVsYXlUZXN0Q2lyY2xlSQ' as CircleId,
  circleKey: 'UmVsYXlNdXN0TmV2ZXJIb2xkVGhpc0NpcmNsZUtleTE',
  circleName: 'Wednesday circle',
  endpoints: [],
};
const INVITE = (() => {
  const encoded = encodeInvite(CIRCLE);
  if (!encoded.ok) throw new Error(encoded.reason);
  return encoded.value;
})();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(mode: 'passive' | 'active') {
  const door: FrontDoor = await openFrontDoor({
    hosts: ['127.0.0.1'],
    invite: () => Promise.resolve(INVITE),
    onChange: () => undefined,
  });
  cleanups.push(() => door.close());
  const relay: DoorRelay = await startDoorRelay(`ws://127.0.0.1:${door.port}/door`, mode);
  cleanups.push(() => relay.close());
  const seen: { words?: readonly string[]; letIn?: Invite; ended?: KnockEnd } = {};
  const client = knockOnDoor(
    [relay.url],
    { name: 'Sam', colour: 'plum' },
    {
      words: (words) => (seen.words = words),
      letIn: (invite) => (seen.letIn = invite),
      ended: (reason) => (seen.ended = reason),
    },
  );
  cleanups.push(() => {
    client.leave();
    return Promise.resolve();
  });
  await until(() => seen.words !== undefined && door.knocks().length === 1);
  return { door, relay, seen };
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((next) => setTimeout(next, 10));
  }
}

function holds(frames: Uint8Array[], secret: Uint8Array): boolean {
  return Buffer.concat(frames.map((frame) => Buffer.from(frame))).includes(Buffer.from(secret));
}

const KEY = Buffer.from(CIRCLE.circleKey, 'base64url');

describe('a relay between the knocker and the door', () => {
  it('that replaces both keys leads to different words on the two screens, and gets only "not now"', async () => {
    const { door, relay, seen } = await setUp('active');
    const facilitatorSees = door.knocks()[0]!;
    // The same name on the door's screen: the relay passed it on.
    expect(facilitatorSees.memberName).toBe('Sam');
    expect(facilitatorSees.words).not.toEqual([...seen.words!]);
    expect(relay.wordsWithKnocker[0]).toEqual(seen.words);
    expect(relay.wordsWithDoor[0]).toEqual(facilitatorSees.words);
    // Compared aloud, they differ: the facilitator says "Not now".
    await door.answer(facilitatorSees.knockId, 'not-now');
    await until(() => seen.ended !== undefined);
    expect(seen.ended).toBe('not-now');
    expect(relay.doorSteps).toEqual([{ kind: 'ended', reason: 'not-now' }]);
    expect(holds(relay.received, KEY)).toBe(false);
    expect(holds(relay.received, Buffer.from(CIRCLE.circleName))).toBe(false);
    expect(seen.letIn).toBeUndefined();
  });

  it('that only passes bytes on sees the same words on both screens and cannot open the invite', async () => {
    const { door, relay, seen } = await setUp('passive');
    const facilitatorSees = door.knocks()[0]!;
    expect(facilitatorSees.words).toEqual([...seen.words!]);
    await door.answer(facilitatorSees.knockId, 'let-in');
    await until(() => seen.letIn !== undefined);
    expect(seen.letIn).toEqual(CIRCLE);
    // The relay carried the WELCOME, sealed: neither the key nor the name is in what it saw.
    expect(relay.received.some((frame) => frame[1] === 4)).toBe(true);
    expect(holds(relay.received, KEY)).toBe(false);
    expect(holds(relay.received, Buffer.from(CIRCLE.circleName))).toBe(false);
  });
});
