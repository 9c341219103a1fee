/**
 * Hearth's record file, format version 2: a header, then records back to back. Every
 * document log and every circle profile is one such file. Integers are big-endian.
 *
 * Header, 16 bytes:
 *   0  8  magic, the ASCII bytes "HEARTHRF"
 *   8  2  format version: 1, or 2 for a document log written by compaction (its
 *         snapshot may be record kind 4)
 *  10  2  file kind: 1 document log, 2 circle profile
 *  12  4  CRC-32 of bytes 0..11
 *
 * Record, a 14-byte frame then the body:
 *   0  4  marker 0xF0 0x9F 0x94 0xA5 (UTF-8 of U+1F525) — lets a reader find the next
 *         record again after a damaged length field
 *   4  4  body length n, 28 <= n <= MAX_BODY_BYTES
 *   8  1  record kind: 1 update, 2 snapshot, 3 profile, 4 snapshot in Yjs's update
 *         format v2 (for a document of many small items, such as text typed a key at a
 *         time, its columns deflate to about 70% of a v1 snapshot's size)
 *   9  1  flags: bit 0 = the payload was deflate-raw compressed before encryption
 *  10  4  CRC-32 (zlib's) of bytes 4..9 followed by the n body bytes
 *  14  n  body: 12-byte nonce, AES-256-GCM ciphertext, 16-byte tag (./recordCipher.ts)
 *
 * A reader keeps every record whose frame and CRC are whole and reports the byte ranges
 * between them that are not (a torn tail, a flipped byte, garbage) as damaged.
 */
import { crc32 } from 'node:zlib';

/** The newest version this Hearth reads; readers refuse newer ones. */
export const RECORD_FORMAT_VERSION = 2;
/**
 * The version a file is written with: 2 for a compacted document log (which may hold a
 * kind 4 snapshot, so an older Hearth refuses it plainly instead of misreading it), 1
 * for every other file, which an older Hearth still reads.
 */
export const FORMAT_VERSION = { plain: 1, snapshotV2: 2 } as const;

/** What a file holds. */
export const FILE_KIND = { docLog: 1, profile: 2 } as const;
/** One of {@link FILE_KIND}. */
export type FileKind = (typeof FILE_KIND)[keyof typeof FILE_KIND];

/** What a record holds. */
export const RECORD_KIND = { update: 1, snapshot: 2, profile: 3, snapshotV2: 4 } as const;
/** One of {@link RECORD_KIND}. */
export type RecordKind = (typeof RECORD_KIND)[keyof typeof RECORD_KIND];

/** Flag bit: the payload was compressed with deflate-raw before it was encrypted. */
export const FLAG_DEFLATED = 1;

/** Bytes in the file header. */
export const HEADER_BYTES = 16;
/** Bytes in a record's frame, before its body. */
export const FRAME_BYTES = 14;
/** The smallest body: a nonce and a tag around an empty ciphertext. */
export const MIN_BODY_BYTES = 28;
/** The largest body a reader accepts; anything longer is a damaged length field. */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

const MAGIC = Buffer.from('HEARTHRF', 'ascii');
const MARKER = Buffer.from([0xf0, 0x9f, 0x94, 0xa5]);

/** A record found whole in a file. */
export interface FramedRecord {
  kind: number;
  flags: number;
  body: Uint8Array;
  /** Where the record's frame starts in the file. */
  offset: number;
  /** Where the next record would start. */
  end: number;
}

/** A run of bytes that held no whole record. */
export interface DamagedRange {
  start: number;
  end: number;
  /** True when nothing whole follows: a torn or garbage tail. */
  atEnd: boolean;
}

/** How a file's header reads. */
export type HeaderState =
  { state: 'ok' } | { state: 'unreadable'; reason: string } | { state: 'newer'; version: number };

/** Everything a reader could find in a file. */
export interface ScannedFile {
  header: HeaderState;
  records: FramedRecord[];
  damaged: DamagedRange[];
}

/** The header of a new file of `kind`, in format `version`. */
export function encodeHeader(kind: FileKind, version: number = FORMAT_VERSION.plain): Uint8Array {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt16BE(version, 8);
  header.writeUInt16BE(kind, 10);
  header.writeUInt32BE(crc32(header.subarray(0, 12)), 12);
  return header;
}

/** One record, frame and body, ready to append. */
export function encodeRecord(kind: RecordKind, flags: number, body: Uint8Array): Uint8Array {
  if (body.length < MIN_BODY_BYTES || body.length > MAX_BODY_BYTES) {
    throw new RangeError(`a record body must be ${MIN_BODY_BYTES}..${MAX_BODY_BYTES} bytes`);
  }
  const record = Buffer.alloc(FRAME_BYTES + body.length);
  MARKER.copy(record, 0);
  record.writeUInt32BE(body.length, 4);
  record.writeUInt8(kind, 8);
  record.writeUInt8(flags, 9);
  record.set(body, FRAME_BYTES);
  const crc = crc32(body, crc32(record.subarray(4, 10)));
  record.writeUInt32BE(crc, 10);
  return record;
}

/** Reads a header, expecting a file of `kind`. */
export function readHeader(bytes: Uint8Array, kind: FileKind): HeaderState {
  const file = asBuffer(bytes);
  if (file.length < HEADER_BYTES) {
    return { state: 'unreadable', reason: 'the file is shorter than its header' };
  }
  if (!file.subarray(0, 8).equals(MAGIC)) {
    return { state: 'unreadable', reason: 'the file does not start like a Hearth file' };
  }
  if (file.readUInt32BE(12) !== crc32(file.subarray(0, 12))) {
    return { state: 'unreadable', reason: 'the file header is damaged' };
  }
  const version = file.readUInt16BE(8);
  if (version > RECORD_FORMAT_VERSION) return { state: 'newer', version };
  if (file.readUInt16BE(10) !== kind) {
    return { state: 'unreadable', reason: 'the file holds something else than expected' };
  }
  return { state: 'ok' };
}

/** Finds every whole record in a file and the damaged ranges between them. */
export function scanFile(bytes: Uint8Array, kind: FileKind): ScannedFile {
  const header = readHeader(bytes, kind);
  if (header.state !== 'ok') return { header, records: [], damaged: [] };
  const file = asBuffer(bytes);
  const records: FramedRecord[] = [];
  const damaged: DamagedRange[] = [];
  let position = HEADER_BYTES;
  while (position < file.length) {
    const record = recordAt(file, position);
    if (record !== null) {
      records.push(record);
      position = record.end;
      continue;
    }
    const next = nextRecordAfter(file, position);
    if (next === -1) {
      damaged.push({ start: position, end: file.length, atEnd: true });
      break;
    }
    damaged.push({ start: position, end: next, atEnd: false });
    position = next;
  }
  return { header, records, damaged };
}

function recordAt(file: Buffer, offset: number): FramedRecord | null {
  if (offset + FRAME_BYTES > file.length) return null;
  if (file.compare(MARKER, 0, MARKER.length, offset, offset + MARKER.length) !== 0) return null;
  const length = file.readUInt32BE(offset + 4);
  if (length < MIN_BODY_BYTES || length > MAX_BODY_BYTES) return null;
  const end = offset + FRAME_BYTES + length;
  if (end > file.length) return null;
  const body = file.subarray(offset + FRAME_BYTES, end);
  const crc = crc32(body, crc32(file.subarray(offset + 4, offset + 10)));
  if (crc !== file.readUInt32BE(offset + 10)) return null;
  return { kind: file.readUInt8(offset + 8), flags: file.readUInt8(offset + 9), body, offset, end };
}

// Scans forward marker by marker; the CRC decides whether a marker starts a real record.
function nextRecordAfter(file: Buffer, offset: number): number {
  let candidate = file.indexOf(MARKER, offset + 1);
  while (candidate !== -1) {
    if (recordAt(file, candidate) !== null) return candidate;
    candidate = file.indexOf(MARKER, candidate + 1);
  }
  return -1;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
