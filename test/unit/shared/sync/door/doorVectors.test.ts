/**
 * The test vectors written in shared/sync/DOOR.md, read from the document itself and
 * checked against the code, so the document and the code cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  commitmentTo,
  ephemeralKeysFrom,
  knockSecrets,
  openInvite,
  sealInvite,
  transcriptOf,
} from '../../../../../shared/sync/door/doorKeys';
import { DoorKnock } from '../../../../../shared/sync/door/doorKnock';
import { decodeDoorMessage, encodeDoorMessage } from '../../../../../shared/sync/door/doorMessages';
import { Knocker } from '../../../../../shared/sync/door/knocker';
import { decodeInvite } from '../../../../../shared/sync/invite';
import { SAFETY_WORDS } from '../../../../../shared/sync/safetyWords';

const DOC = readFileSync(
  resolve(import.meta.dirname, '../../../../../shared/sync/DOOR.md'),
  'utf8',
);

function vectors(): Map<string, string> {
  const block = /## Test vectors[\s\S]*?```\n([\s\S]*?)```/.exec(DOC)?.[1];
  if (block === undefined) throw new Error('DOOR.md has no test vectors');
  return new Map(
    block
      .trim()
      .split('\n')
      .map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as const;
      }),
  );
}

const V = vectors();
const hex = (name: string): Uint8Array<ArrayBuffer> => {
  const value = V.get(name);
  if (value === undefined) throw new Error(`no vector ${name}`);
  return new Uint8Array(Buffer.from(value, 'hex'));
};
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

async function bothKeys() {
  return {
    knocker: await ephemeralKeysFrom(hex('knocker private key'), hex('knocker public key')),
    door: await ephemeralKeysFrom(hex('door private key'), hex('door public key')),
  };
}

describe('the door protocol’s test vectors (DOOR.md)', () => {
  it('give the commitment, the three opening messages and the transcript', async () => {
    const { knocker, door } = await bothKeys();
    const commitment = await commitmentTo(knocker.publicKey);
    expect(toHex(commitment)).toBe(V.get('commitment'));
    const knock = encodeDoorMessage({ kind: 'knock', commitment, colour: 'lake', name: 'Sam' });
    const doorKey = encodeDoorMessage({ kind: 'door-key', publicKey: door.publicKey });
    const reveal = encodeDoorMessage({ kind: 'reveal', publicKey: knocker.publicKey });
    expect([toHex(knock), toHex(doorKey), toHex(reveal)]).toEqual([
      V.get('KNOCK'),
      V.get('DOOR_KEY'),
      V.get('REVEAL'),
    ]);
    expect(toHex(await transcriptOf(knock, doorKey, reveal))).toBe(V.get('transcript'));
  });

  it('give the same four words on both sides, from the word bytes', async () => {
    const { knocker, door } = await bothKeys();
    const transcript = hex('transcript');
    const asKnocker = await knockSecrets(knocker, door.publicKey, transcript);
    const asDoor = await knockSecrets(door, knocker.publicKey, transcript);
    expect(asKnocker.words.join(' ')).toBe(V.get('words'));
    expect(asDoor.words).toEqual(asKnocker.words);
    expect([...hex('word bytes')].map((byte) => SAFETY_WORDS[byte]).join(' ')).toBe(V.get('words'));
  });

  it('give the shared secret and the invite key (checked with Node’s own X25519 and HKDF)', async () => {
    const { createPrivateKey, createPublicKey, diffieHellman, hkdfSync } =
      await import('node:crypto');
    const der = (prefix: string, key: Uint8Array) =>
      Buffer.concat([Buffer.from(prefix, 'hex'), key]);
    const shared = diffieHellman({
      privateKey: createPrivateKey({
        key: der('302e020100300506032b656e04220420', hex('knocker private key')),
        format: 'der',
        type: 'pkcs8',
      }),
      publicKey: createPublicKey({
        key: der('302a300506032b656e032100', hex('door public key')),
        format: 'der',
        type: 'spki',
      }),
    });
    expect(toHex(shared)).toBe(V.get('shared secret'));
    const derive = (info: string, bytes: number) =>
      toHex(new Uint8Array(hkdfSync('sha256', shared, hex('transcript'), info, bytes)));
    expect(derive('hearth/door/v1/words', 4)).toBe(V.get('word bytes'));
    expect(derive('hearth/door/v1/invite-key', 32)).toBe(V.get('invite key'));
  });

  it('seal the invite into the WELCOME, which the knocker opens to the invite', async () => {
    const { knocker, door } = await bothKeys();
    const transcript = hex('transcript');
    const asDoor = await knockSecrets(door, knocker.publicKey, transcript);
    const { iv, sealed } = await sealInvite(asDoor, hex('invite'), hex('nonce'));
    expect(toHex(encodeDoorMessage({ kind: 'welcome', iv, sealed }))).toBe(V.get('WELCOME'));
    const welcome = decodeDoorMessage(hex('WELCOME'));
    if (!welcome.ok || welcome.value.kind !== 'welcome') throw new Error('not a welcome');
    const asKnocker = await knockSecrets(knocker, door.publicKey, transcript);
    const opened = await openInvite(asKnocker, welcome.value.iv, welcome.value.sealed);
    expect(toHex(opened!)).toBe(V.get('invite'));
    expect(decodeInvite(opened!)).toMatchObject({
      ok: true,
      value: { circleName: 'Thursday circle' },
    });
  });

  it('name the four ends', () => {
    const ends = [
      ['END not now', 'not-now'],
      ['END door closed', 'door-closed'],
      ['END expired', 'expired'],
      ['END busy', 'busy'],
    ] as const;
    for (const [name, reason] of ends) {
      expect(toHex(encodeDoorMessage({ kind: 'end', reason }))).toBe(V.get(name));
    }
  });

  it('are what the two state machines say to each other with those keys', async () => {
    const { knocker: knockerKeys, door: doorKeys } = await bothKeys();
    const toDoor: Uint8Array[] = [];
    const toKnocker: Uint8Array[] = [];
    const door = new DoorKnock({
      send: (f) => toKnocker.push(f),
      newKeys: () => Promise.resolve(doorKeys),
    });
    const knocker = await Knocker.start({
      name: 'Sam',
      colour: 'lake',
      send: (f) => toDoor.push(f),
      keys: knockerKeys,
    });
    expect(await door.receive(toDoor.shift()!)).toEqual({
      kind: 'knocked',
      name: 'Sam',
      colour: 'lake',
    });
    expect(toHex(toKnocker[0]!)).toBe(V.get('DOOR_KEY'));
    expect(await knocker.receive(toKnocker.shift()!)).toMatchObject({ kind: 'words' });
    expect(toHex(toDoor[0]!)).toBe(V.get('REVEAL'));
    const step = await door.receive(toDoor.shift()!);
    expect(step).toEqual({ kind: 'words', words: V.get('words')!.split(' ') });
    await door.letIn(hex('invite'));
    const letIn = await knocker.receive(toKnocker.shift()!);
    expect(letIn).toMatchObject({ kind: 'let-in', invite: { circleName: 'Thursday circle' } });
  });
});
