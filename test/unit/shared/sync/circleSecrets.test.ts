import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../../../shared/crypto/base64url';
import {
  SAFETY_CODE_WORDS,
  deriveCircleSecrets,
  deriveSafetyCode,
  safetyCodeText,
} from '../../../../shared/sync/circleSecrets';
import { SAFETY_WORDS } from '../../../../shared/sync/safetyWords';
import { seededRandom } from '../../../helpers/seededRandom';

function keyFrom(seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length: 32 }, () => random.int(0, 255));
}

describe('circle secrets', () => {
  it('derives the same room name, signalling secret and safety code every time', async () => {
    const key = keyFrom(1);
    const first = await deriveCircleSecrets(key);
    const again = await deriveCircleSecrets(toBase64Url(key));
    expect(again).toEqual(first);
    expect(first.roomName).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.signallingSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.safetyCode).toHaveLength(SAFETY_CODE_WORDS);
    expect(await deriveSafetyCode(key)).toEqual(first.safetyCode);
  });

  it('gives independent values for each label, none of them the key itself', async () => {
    const key = keyFrom(2);
    const secrets = await deriveCircleSecrets(key);
    expect(secrets.roomName).not.toBe(secrets.signallingSecret);
    expect([secrets.roomName, secrets.signallingSecret]).not.toContain(toBase64Url(key));
    // A known answer pins the derivation: a change here breaks every existing circle.
    const zero = await deriveCircleSecrets(new Uint8Array(32));
    expect(zero).toMatchInlineSnapshot(`
      {
        "roomName": "dtfhap39QZheKrRGDQI712JtvOm8tQKDswBoT4ARJ-k",
        "safetyCode": [
          "apple",
          "nugget",
          "forest",
          "harbor",
        ],
        "signallingSecret": "eAiWqA374RtmJvbXB2Gi6avEnBO7f6wqDnWiN7YOQ6o",
      }
    `);
  });

  it('gives another laptop holding the same key the same safety code, and another key another code', async () => {
    const codes = new Set<string>();
    for (let seed = 10; seed < 60; seed++) {
      const key = keyFrom(seed);
      const mine = await deriveSafetyCode(key);
      const theirs = await deriveSafetyCode(Uint8Array.from(key));
      expect(theirs).toEqual(mine);
      codes.add(safetyCodeText(mine));
    }
    expect(codes.size).toBe(50);
  });

  it('has 256 distinct plain lowercase words', () => {
    expect(SAFETY_WORDS).toHaveLength(256);
    expect(new Set(SAFETY_WORDS).size).toBe(256);
    for (const word of SAFETY_WORDS) expect(word).toMatch(/^[a-z]{3,9}$/);
  });

  it('refuses a key that is not 32 bytes', async () => {
    await expect(deriveCircleSecrets(new Uint8Array(31))).rejects.toThrow(RangeError);
    await expect(deriveCircleSecrets('not a key')).rejects.toThrow(RangeError);
  });
});
