/**
 * CRC-32 (IEEE 802.3: polynomial 0xEDB88320 reflected, initial value and final XOR
 * 0xFFFFFFFF), the checksum of zlib, PNG and Ethernet. The invite uses it to catch a
 * mistyped or cut paste: it detects every error confined to 32 consecutive bits, so any
 * one wrong byte or base64url character. It is not a defence against forgery (nothing
 * in an invite needs one: the invite is the secret).
 */

const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c >>> 0;
}

/** The CRC-32 of `bytes`, as an unsigned 32-bit number (`crc32('123456789') = 0xCBF43926`). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
