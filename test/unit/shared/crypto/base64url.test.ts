import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../../shared/crypto/base64url';
import { seededRandom } from '../../../helpers/seededRandom';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('base64url', () => {
  it('encodes the RFC 4648 test vectors without padding', () => {
    const text = new TextEncoder();
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64Url(text.encode(plain))).toBe(encoded);
      expect(fromBase64Url(encoded)).toEqual(text.encode(plain));
    }
  });

  it('uses - and _ where standard base64 uses + and /', () => {
    expect(toBase64Url(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(fromBase64Url('-_-_')).toEqual(bytes(0xfb, 0xff, 0xbf));
  });

  it('agrees with Node for random lengths and contents', () => {
    const random = seededRandom(20240611);
    for (let round = 0; round < 200; round++) {
      const input = new Uint8Array(random.int(0, 70));
      for (let i = 0; i < input.length; i++) input[i] = random.int(0, 255);
      const encoded = toBase64Url(input);
      expect(encoded).toBe(Buffer.from(input).toString('base64url'));
      expect(fromBase64Url(encoded)).toEqual(input);
    }
  });

  it('refuses characters outside the alphabet, padding and standard base64', () => {
    expect(fromBase64Url('Zm9v!')).toBeNull();
    expect(fromBase64Url('Zg==')).toBeNull();
    expect(fromBase64Url('+/+/')).toBeNull();
    expect(fromBase64Url('Zm 9v')).toBeNull();
    expect(fromBase64Url('Zé')).toBeNull();
  });

  it('refuses a length no whole number of bytes encodes to', () => {
    expect(fromBase64Url('Z')).toBeNull();
    expect(fromBase64Url('Zm9vY')).toBeNull();
  });

  it('refuses text whose leftover bits are not zero, so each byte string has one spelling', () => {
    // 'Zh' would decode to the same byte as 'Zg' if the low bits were ignored.
    expect(fromBase64Url('Zh')).toBeNull();
    expect(fromBase64Url('Zm9')).toBeNull();
    expect(fromBase64Url('Zm8')).toEqual(bytes(0x66, 0x6f));
  });
});
