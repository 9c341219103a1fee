/** The test vectors written in SIGNALLING.md, checked against the code that seals. */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { deriveCircleSecrets } from '../../../../shared/sync/circleSecrets';
import { openSignal, signallingKey } from '../../../../shared/sync/signallingCipher';

const MESSAGE = {
  type: 'signal',
  from: 'AAAAAAAAAAAAAAAA',
  to: 'BBBBBBBBBBBBBBBB',
  seq: 1,
  signal: { type: 'answer', sdp: 'v=0' },
};
const PLAINTEXT =
  '7605047479706577067369676e616c0466726f6d77104141414141414141414141414141414102746f771042424242424242424242424242424242037365717d01067369676e616c760204747970657706616e73776572037364707703763d30';
const SEALED =
  'B0FFUy1HQ00MAAAAAAAAAAAAAAAAcODMTg+bNdtN/W7skWYkGwsmMHQNvtrexhX2j/vGAFDxNjQnqz+9xs/hCeCKdgKd3MKskJFOvB5mjgvm7nIFdMeIBWaLOq2c/TIYaacZ6vqmK/ZWXmgWaNAVSVww208jDcOpdhtr2N5jLwQwo27aDPA=';

describe('signalling test vectors', () => {
  it('opens the documented sealed message with the all-zero circle key', async () => {
    const { roomName, signallingSecret } = await deriveCircleSecrets(new Uint8Array(32));
    expect(roomName).toBe('dtfhap39QZheKrRGDQI712JtvOm8tQKDswBoT4ARJ-k');
    const key = await signallingKey(signallingSecret, roomName);
    expect(await openSignal(key, SEALED)).toEqual(MESSAGE);
  });

  it('encodes the plaintext and the seal byte for byte as documented', async () => {
    const plain = encoding.createEncoder();
    encoding.writeAny(plain, MESSAGE);
    expect(Buffer.from(encoding.toUint8Array(plain)).toString('hex')).toBe(PLAINTEXT);
    const { roomName, signallingSecret } = await deriveCircleSecrets(new Uint8Array(32));
    const material = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(signallingSecret),
      'PBKDF2',
      false,
      ['deriveBits'],
    );
    const bits = await crypto.subtle.deriveBits(
      {
        name: 'PBKDF2',
        hash: 'SHA-256',
        salt: new TextEncoder().encode(roomName),
        iterations: 100_000,
      },
      material,
      256,
    );
    expect(Buffer.from(bits).toString('hex')).toBe(
      '9be8aa6e01699664b242fc1411291362e9e9b0e1c05dcf6bd3b7ae4e0a10cde3',
    );
    const key = await crypto.subtle.importKey('raw', bits, 'AES-GCM', false, ['encrypt']);
    const iv = new Uint8Array(12);
    const cipher = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      key,
      Buffer.from(PLAINTEXT, 'hex'),
    );
    const sealed = encoding.createEncoder();
    encoding.writeVarString(sealed, 'AES-GCM');
    encoding.writeVarUint8Array(sealed, iv);
    encoding.writeVarUint8Array(sealed, new Uint8Array(cipher));
    expect(Buffer.from(encoding.toUint8Array(sealed)).toString('base64')).toBe(SEALED);
  });
});
