import * as buffer from 'lib0/buffer';
import { describe, expect, it } from 'vitest';
import { openSignal, sealSignal, signallingKey } from '../../../../shared/sync/signallingCipher';
// y-webrtc's own crypto, by path: the package's exports do not offer the subpath.
// @ts-expect-error -- plain JavaScript without type declarations
import * as yWebrtcCrypto from '../../../../node_modules/y-webrtc/src/crypto.js';

interface YWebrtcCrypto {
  deriveKey(secret: string, roomName: string): PromiseLike<CryptoKey>;
  encryptJson(data: unknown, key: CryptoKey): PromiseLike<Uint8Array>;
  decryptJson(data: Uint8Array, key: CryptoKey): PromiseLike<unknown>;
}
const stock = yWebrtcCrypto as YWebrtcCrypto;

const SECRET = 'eAiWqA374RtmJvbXB2Gi6avEnBO7f6wqDnWiN7YOQ6o';
const ROOM = 'dtfhap39QZheKrRGDQI712JtvOm8tQKDswBoT4ARJ-k';
const SIGNAL = {
  type: 'signal',
  from: 'peer-a-123',
  to: 'peer-b-456',
  seq: 3,
  signal: { type: 'offer', sdp: 'v=0\r\no=- 46117317 2 IN IP4 127.0.0.1\r\n' },
};

describe('signalling cipher', () => {
  it('round-trips a signalling message', async () => {
    const key = await signallingKey(SECRET, ROOM);
    const sealed = await sealSignal(key, SIGNAL);
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(JSON.stringify(sealed)).not.toContain('offer');
    expect(await openSignal(key, sealed)).toEqual(SIGNAL);
    expect(await openSignal(key, await sealSignal(key, { type: 'announce', from: 'p' }))).toEqual({
      type: 'announce',
      from: 'p',
    });
  });

  it('opens nothing sealed with another secret or for another room', async () => {
    const sealed = await sealSignal(await signallingKey(SECRET, ROOM), SIGNAL);
    expect(await openSignal(await signallingKey(SECRET + 'x', ROOM), sealed)).toBeNull();
    expect(await openSignal(await signallingKey(SECRET, ROOM + 'x'), sealed)).toBeNull();
  });

  it('opens nothing tampered with, truncated or of the wrong type, and never throws', async () => {
    const key = await signallingKey(SECRET, ROOM);
    const sealed = await sealSignal(key, SIGNAL);
    const bytes = buffer.fromBase64(sealed);
    for (let at = 0; at < bytes.length; at += 3) {
      const tampered = Uint8Array.from(bytes);
      tampered[at]! ^= 0x20;
      expect(await openSignal(key, buffer.toBase64(tampered))).toBeNull();
      expect(await openSignal(key, buffer.toBase64(bytes.subarray(0, at)))).toBeNull();
    }
    for (const junk of [
      null,
      42,
      {},
      '',
      '====',
      'not base64 at all!',
      sealed.slice(1),
      'A'.repeat(300_000),
    ]) {
      expect(await openSignal(key, junk)).toBeNull();
    }
  });

  it("seals messages that y-webrtc's own decrypt opens", async () => {
    const key = await signallingKey(SECRET, ROOM);
    const theirKey = await stock.deriveKey(SECRET, ROOM);
    const sealed = await sealSignal(key, SIGNAL);
    // y-webrtc: cryptoutils.decryptJson(buffer.fromBase64(m.data), room.key)
    expect(await stock.decryptJson(buffer.fromBase64(sealed), theirKey)).toEqual(SIGNAL);
  });

  it("opens messages sealed by y-webrtc's own encrypt", async () => {
    const key = await signallingKey(SECRET, ROOM);
    const theirKey = await stock.deriveKey(SECRET, ROOM);
    // y-webrtc: { type: 'publish', topic, data: buffer.toBase64(await encryptJson(data, key)) }
    const data = buffer.toBase64(await stock.encryptJson(SIGNAL, theirKey));
    expect(await openSignal(key, data)).toEqual(SIGNAL);
  });
});
