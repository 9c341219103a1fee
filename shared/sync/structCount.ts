/**
 * Counts the structs of a Yjs update (format V1) without building them. `Y.decodeUpdate`
 * and `Y.applyUpdate` make an object per struct, a few hundred bytes each, so a 64 MiB
 * update of two-byte structs would need gigabytes before any check could run. This walk
 * reads the struct headers and skips their content, stopping as soon as the count passes
 * the limit.
 *
 * V1 layout walked here: varUint sections; per section varUint structCount, varUint
 * client, varUint clock, then structs: u8 info; info & 31 = 0 (GC) or 10 (skip): varUint
 * length; otherwise an item: origin id if info & 0x80, right origin id if info & 0x40
 * (an id is two varUints), parent (varUint 1 + varString key, or varUint 0 + id) and a
 * varString key if info & 0x20 when neither origin is present, then the content by
 * info & 31: 1 varUint, 2 varUint n × varString, 3 varUint8Array, 4 and 5 varString,
 * 6 two varStrings, 7 varUint type ref (+ varString name for refs 3 and 5), 8 varUint
 * n × any, 9 varString + any (an `any` is skipped without decoding its strings).
 */
import * as decoding from 'lib0/decoding';

/** The structs in `update`, or `limit + 1` once there are more than `limit`; null if unreadable. */
export function countStructs(update: Uint8Array, limit: number): number | null {
  try {
    const decoder = decoding.createDecoder(update);
    let count = 0;
    const sections = decoding.readVarUint(decoder);
    for (let s = 0; s < sections; s++) {
      const structs = decoding.readVarUint(decoder);
      count += structs;
      if (count > limit) return limit + 1;
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      for (let i = 0; i < structs; i++) skipStruct(decoder);
    }
    return count;
  } catch {
    // Unreadable here: Y.decodeUpdate will say why.
    return null;
  }
}

function skipStruct(decoder: decoding.Decoder): void {
  if (decoder.pos >= decoder.arr.length) throw new RangeError('cut short');
  const info = decoding.readUint8(decoder);
  const ref = info & 31;
  if (ref === 0 || ref === 10) {
    decoding.readVarUint(decoder);
    return;
  }
  if (info & 0x80) skipVarUints(decoder, 2);
  if (info & 0x40) skipVarUints(decoder, 2);
  if ((info & 0xc0) === 0) {
    if (decoding.readVarUint(decoder) === 1) skipBytes(decoder);
    else skipVarUints(decoder, 2);
    if (info & 0x20) skipBytes(decoder);
  }
  switch (ref) {
    case 1:
      decoding.readVarUint(decoder);
      break;
    case 2:
      for (let n = decoding.readVarUint(decoder); n > 0; n--) skipBytes(decoder);
      break;
    case 3:
    case 4:
    case 5:
      skipBytes(decoder);
      break;
    case 6:
      skipBytes(decoder);
      skipBytes(decoder);
      break;
    case 7: {
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef === 3 || typeRef === 5) skipBytes(decoder);
      break;
    }
    case 8:
      for (let n = decoding.readVarUint(decoder); n > 0; n--) skipAny(decoder, 0);
      break;
    case 9:
      skipBytes(decoder);
      skipAny(decoder, 0);
      break;
    default:
      throw new RangeError('unknown content');
  }
}

/** Deeper than this, a value is refused here as Yjs's recursive reader would fail on it. */
const MAX_ANY_DEPTH = 1000;

/**
 * Skips one lib0 `any` value (ContentAny, ContentEmbed's JSON) without building it: Yjs
 * reads the same bytes again when it decodes the update, and decoding every string here
 * too was the costliest part of counting a joining laptop's notebook. Type bytes as
 * lib0's readAny: 127 undefined, 126 null, 125 varInt, 124 float32, 123 float64, 122
 * bigint64, 121 false, 120 true, 119 varString, 118 object (varUint n × (varString key,
 * any)), 117 array (varUint n × any), 116 varUint8Array; anything else is unreadable.
 */
function skipAny(decoder: decoding.Decoder, depth: number): void {
  if (depth > MAX_ANY_DEPTH) throw new RangeError('nested too deep');
  if (decoder.pos >= decoder.arr.length) throw new RangeError('cut short');
  const type = decoding.readUint8(decoder);
  switch (type) {
    case 127:
    case 126:
    case 121:
    case 120:
      return;
    case 125:
      decoding.readVarInt(decoder);
      return;
    case 124:
      skipFixed(decoder, 4);
      return;
    case 123:
    case 122:
      skipFixed(decoder, 8);
      return;
    case 119:
    case 116:
      skipBytes(decoder);
      return;
    case 118:
      for (let n = decoding.readVarUint(decoder); n > 0; n--) {
        skipBytes(decoder);
        skipAny(decoder, depth + 1);
      }
      return;
    case 117:
      for (let n = decoding.readVarUint(decoder); n > 0; n--) skipAny(decoder, depth + 1);
      return;
    default:
      throw new RangeError('unknown value type');
  }
}

function skipFixed(decoder: decoding.Decoder, length: number): void {
  if (length > decoder.arr.length - decoder.pos) throw new RangeError('cut short');
  decoder.pos += length;
}

function skipVarUints(decoder: decoding.Decoder, n: number): void {
  for (let i = 0; i < n; i++) decoding.readVarUint(decoder);
}

function skipBytes(decoder: decoding.Decoder): void {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new RangeError('cut short');
  decoder.pos += length;
}
