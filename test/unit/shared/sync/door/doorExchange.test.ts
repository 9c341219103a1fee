import { describe, expect, it } from 'vitest';
import { DoorKnock } from '../../../../../shared/sync/door/doorKnock';
import {
  decodeDoorMessage,
  encodeDoorMessage,
  MAX_DOOR_MESSAGE_BYTES,
} from '../../../../../shared/sync/door/doorMessages';
import { isDoorNickname, newDoorNickname } from '../../../../../shared/sync/door/doorNickname';
import { Knocker } from '../../../../../shared/sync/door/knocker';
import { encodeInvite } from '../../../../../shared/sync/invite';
import type { CircleId } from '../../../../../shared/notebook/ids';

const INVITE = (() => {
  const encoded = encodeInvite({
    circleId: 'AQEBAQEBAQEBAQEBAQEBAQ' as CircleId,
    circleKey: 'A'.repeat(43),
    circleName: 'Thursday circle',
    endpoints: ['ws://192.168.1.20:4455'],
  });
  if (!encoded.ok) throw new Error(encoded.reason);
  return encoded.value;
})();

/** A door and a knocker wired back to back, recording every frame. */
async function pair(name = 'Sam') {
  const toDoor: Uint8Array[] = [];
  const toKnocker: Uint8Array[] = [];
  const door = new DoorKnock({ send: (frame) => toKnocker.push(frame) });
  const knocker = await Knocker.start({
    name,
    colour: 'sage',
    send: (frame) => toDoor.push(frame),
  });
  return { door, knocker, toDoor, toKnocker };
}

async function toWords() {
  const p = await pair();
  await p.door.receive(p.toDoor.shift()!);
  const knockerWords = await p.knocker.receive(p.toKnocker.shift()!);
  const doorWords = await p.door.receive(p.toDoor.shift()!);
  return { ...p, knockerWords, doorWords };
}

describe('a knock at the door', () => {
  it('shows the same four words on both sides and lets the knocker in with the invite', async () => {
    const { door, knocker, toKnocker, knockerWords, doorWords } = await toWords();
    expect(knockerWords.kind).toBe('words');
    expect(doorWords).toEqual(knockerWords);
    expect(door.knocker).toEqual({ name: 'Sam', colour: 'sage' });
    await door.letIn(INVITE);
    const step = await knocker.receive(toKnocker.shift()!);
    expect(step).toMatchObject({ kind: 'let-in', invite: { circleName: 'Thursday circle' } });
    expect(door.stage).toBe('ended');
    expect(knocker.stage).toBe('ended');
  });

  it('gives new words to every knock, even from the same knocker', async () => {
    const first = await toWords();
    const second = await toWords();
    expect(first.doorWords).not.toEqual(second.doorWords);
  });

  it('says only "not now" when refused, and the knocker learns the reason and nothing else', async () => {
    const { door, knocker, toKnocker } = await toWords();
    door.end('not-now');
    expect(toKnocker).toEqual([Uint8Array.of(1, 5, 1)]);
    expect(await knocker.receive(toKnocker.shift()!)).toEqual({ kind: 'ended', reason: 'not-now' });
    await expect(door.letIn(INVITE)).rejects.toThrow();
  });

  it('refuses a reveal that is not the key committed to', async () => {
    const { door, toDoor } = await pair();
    await door.receive(toDoor.shift()!);
    const other = await pair('Ada');
    await other.door.receive(other.toDoor.shift()!);
    await other.knocker.receive(other.toKnocker.shift()!);
    const otherReveal = other.toDoor.shift()!;
    expect(await door.receive(otherReveal)).toEqual({
      kind: 'refused',
      reason: 'the revealed key is not the one committed to',
    });
    expect(door.words).toBeNull();
    await expect(door.letIn(INVITE)).rejects.toThrow();
  });

  it('refuses a low-order public key that would give an all-zero secret', async () => {
    const { door, toDoor } = await pair();
    await door.receive(toDoor.shift()!);
    // The knocker's side: a door key of all zeros.
    const p = await pair();
    const step = await p.knocker.receive(
      encodeDoorMessage({ kind: 'door-key', publicKey: new Uint8Array(32) }),
    );
    expect(step.kind).toBe('refused');
    expect(p.toDoor).toHaveLength(1);
  });

  it('refuses messages out of turn and anything after the words', async () => {
    const p = await pair();
    expect(
      (await p.door.receive(encodeDoorMessage({ kind: 'reveal', publicKey: new Uint8Array(32) })))
        .kind,
    ).toBe('refused');
    const q = await toWords();
    expect((await q.door.receive(q.toDoor[0] ?? Uint8Array.of(1, 3))).kind).toBe('refused');
    expect(q.toKnocker).toHaveLength(0);
    const r = await pair();
    const welcome = encodeDoorMessage({
      kind: 'welcome',
      iv: new Uint8Array(12),
      sealed: new Uint8Array(40),
    });
    expect((await r.knocker.receive(welcome)).kind).toBe('refused');
  });

  it('refuses a welcome that was not sealed for this knock', async () => {
    const { knocker, door } = await toWords();
    const forged = encodeDoorMessage({
      kind: 'welcome',
      iv: new Uint8Array(12),
      sealed: new Uint8Array(INVITE.length + 16),
    });
    expect(await knocker.receive(forged)).toEqual({
      kind: 'refused',
      reason: 'the invite was not sealed for this knock',
    });
    door.drop();
  });
});

describe('door messages', () => {
  it('decode what they encode', () => {
    const messages = [
      { kind: 'knock', commitment: new Uint8Array(32).fill(7), colour: 'dusk', name: 'Zoë 🌱' },
      { kind: 'door-key', publicKey: new Uint8Array(32).fill(1) },
      { kind: 'reveal', publicKey: new Uint8Array(32).fill(2) },
      { kind: 'welcome', iv: new Uint8Array(12).fill(3), sealed: new Uint8Array(100).fill(4) },
      { kind: 'end', reason: 'busy' },
    ] as const;
    for (const message of messages) {
      expect(decodeDoorMessage(encodeDoorMessage(message))).toEqual({ ok: true, value: message });
    }
  });

  it('refuse other versions, unknown kinds, wrong lengths, bad names and trailing bytes', () => {
    const knock = encodeDoorMessage({
      kind: 'knock',
      commitment: new Uint8Array(32),
      colour: 'sage',
      name: 'Sam',
    });
    const cases: [Uint8Array, string][] = [
      [Uint8Array.of(2, ...knock.subarray(1)), 'another protocol version'],
      [Uint8Array.of(1, 9), 'an unknown kind of message'],
      [Uint8Array.of(1), 'the message is too short'],
      [Uint8Array.of(...knock, 0), 'a knock of the wrong length'],
      [
        Uint8Array.of(...knock.subarray(0, 34), 99, 3, 83, 97, 109),
        'a knock names no member colour',
      ],
      [Uint8Array.of(...knock.subarray(0, 35), 3, 83, 10, 109), 'a knock name that is not a name'],
      [Uint8Array.of(...knock.subarray(0, 35), 3, 32, 97, 109), 'a knock name that is not a name'],
      [Uint8Array.of(...knock.subarray(0, 35), 2, 0xc3, 0x28), 'a knock name that is not a name'],
      [Uint8Array.of(1, 2, 0, 0), 'a public key of the wrong length'],
      [Uint8Array.of(1, 5, 9), 'an end with no known reason'],
      [Uint8Array.of(1, 5, 1, 1), 'an end with no known reason'],
      [new Uint8Array(MAX_DOOR_MESSAGE_BYTES + 1).fill(1), 'the message is too long'],
    ];
    for (const [bytes, reason] of cases)
      expect(decodeDoorMessage(bytes)).toEqual({ ok: false, reason });
  });
});

describe('door nicknames', () => {
  it('are two safety words, fresh each time', () => {
    const names = new Set(Array.from({ length: 20 }, () => newDoorNickname().join(' ')));
    expect(names.size).toBeGreaterThan(15);
    for (const name of names) expect(isDoorNickname(name)).toBe(true);
    expect(isDoorNickname('apple')).toBe(false);
    expect(isDoorNickname('apple  nugget')).toBe(false);
    expect(isDoorNickname('apple trojan')).toBe(false);
  });
});
