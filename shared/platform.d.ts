/**
 * The few platform globals that shared/ may use. They exist with these shapes in the
 * renderer (DOM), in Electron main and under Node 20, so shared code stays portable
 * without pulling in the DOM or Node type libraries.
 */

interface HearthConsole {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}
declare const console: HearthConsole;

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;

/** Opaque WebCrypto key handle. */
interface CryptoKey {
  readonly type: string;
  readonly extractable: boolean;
}
type HearthBufferSource = ArrayBuffer | Uint8Array<ArrayBuffer>;
type HearthKeyUsage = 'encrypt' | 'decrypt' | 'deriveBits' | 'deriveKey' | 'sign' | 'verify';
/** An X25519 key pair (the door's ephemeral keys, shared/sync/door/doorKeys.ts). */
interface HearthCryptoKeyPair {
  readonly publicKey: CryptoKey;
  readonly privateKey: CryptoKey;
}
interface HearthX25519Params {
  name: 'X25519';
  public: CryptoKey;
}
interface HearthAesGcmParams {
  name: 'AES-GCM';
  iv: HearthBufferSource;
  additionalData?: HearthBufferSource;
  tagLength?: number;
}
interface HearthHkdfParams {
  name: 'HKDF';
  hash: 'SHA-256';
  salt: HearthBufferSource;
  info: HearthBufferSource;
}
interface HearthPbkdf2Params {
  name: 'PBKDF2';
  hash: 'SHA-256';
  salt: HearthBufferSource;
  iterations: number;
}
interface HearthSubtleCrypto {
  importKey(
    format: 'raw',
    keyData: HearthBufferSource,
    // SHA-1 only for coturn's REST credentials (shared/sync/turnCredentials.ts).
    algorithm:
      'HKDF' | 'PBKDF2' | { name: 'AES-GCM' } | { name: 'HMAC'; hash: 'SHA-256' | 'SHA-1' },
    extractable: boolean,
    keyUsages: HearthKeyUsage[],
  ): Promise<CryptoKey>;
  encrypt(
    algorithm: HearthAesGcmParams,
    key: CryptoKey,
    data: HearthBufferSource,
  ): Promise<ArrayBuffer>;
  decrypt(
    algorithm: HearthAesGcmParams,
    key: CryptoKey,
    data: HearthBufferSource,
  ): Promise<ArrayBuffer>;
  importKey(
    format: 'raw' | 'pkcs8',
    keyData: HearthBufferSource,
    algorithm: { name: 'X25519' },
    extractable: boolean,
    keyUsages: HearthKeyUsage[],
  ): Promise<CryptoKey>;
  generateKey(
    algorithm: { name: 'X25519' },
    extractable: boolean,
    keyUsages: HearthKeyUsage[],
  ): Promise<HearthCryptoKeyPair>;
  exportKey(format: 'raw', key: CryptoKey): Promise<ArrayBuffer>;
  deriveBits(
    algorithm: HearthHkdfParams | HearthPbkdf2Params | HearthX25519Params,
    baseKey: CryptoKey,
    length: number,
  ): Promise<ArrayBuffer>;
  digest(algorithm: 'SHA-256', data: HearthBufferSource): Promise<ArrayBuffer>;
  sign(algorithm: 'HMAC', key: CryptoKey, data: HearthBufferSource): Promise<ArrayBuffer>;
}
interface HearthCrypto {
  getRandomValues<T extends Uint8Array>(array: T): T;
  readonly subtle: HearthSubtleCrypto;
}
declare const crypto: HearthCrypto;
