/**
 * Hand-written Yjs updates (format V1), byte by byte, for the malformed shapes that
 * honest writers never produce: zero-length items, skips, self references, forged client
 * ids, huge clocks, neighbours in different places. Each struct is a function that
 * writes itself; `craftUpdate` frames them per client and appends a delete set.
 */
import * as encoding from 'lib0/encoding';

/** Writes one struct's bytes. */
export type CraftedStruct = (encoder: encoding.Encoder) => void;
/** A client's run of structs starting at `clock`. */
export interface CraftedClient {
  client: number;
  clock: number;
  structs: CraftedStruct[];
}
/** A client's deleted ranges, as [clock, length]. */
export interface CraftedDeletions {
  client: number;
  ranges: [number, number][];
}
/** An id as [client, clock]. */
export type CraftedId = [number, number];

/** Encodes a whole update. */
export function craftUpdate(
  clients: CraftedClient[],
  deletions: CraftedDeletions[] = [],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients.length);
  for (const { client, clock, structs } of clients) {
    encoding.writeVarUint(encoder, structs.length);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    for (const struct of structs) struct(encoder);
  }
  encoding.writeVarUint(encoder, deletions.length);
  for (const { client, ranges } of deletions) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, length);
    }
  }
  return encoding.toUint8Array(encoder);
}

function writeId(encoder: encoding.Encoder, [client, clock]: CraftedId): void {
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
}

/** Where an item goes: after/before neighbours, or directly in a root or a parent item. */
export interface CraftedPlace {
  origin?: CraftedId;
  right?: CraftedId;
  root?: string;
  parent?: CraftedId;
  key?: string;
}

function writeItemHead(encoder: encoding.Encoder, contentRef: number, place: CraftedPlace): void {
  const info =
    contentRef |
    (place.origin ? 0x80 : 0) |
    (place.right ? 0x40 : 0) |
    (place.key !== undefined ? 0x20 : 0);
  encoding.writeUint8(encoder, info);
  if (place.origin) writeId(encoder, place.origin);
  if (place.right) writeId(encoder, place.right);
  if (!place.origin && !place.right) {
    if (place.root !== undefined) {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, place.root);
    } else {
      encoding.writeVarUint(encoder, 0);
      writeId(encoder, place.parent ?? [0, 0]);
    }
    if (place.key !== undefined) encoding.writeVarString(encoder, place.key);
  }
}

/** A string item. */
export const stringItem =
  (place: CraftedPlace, text: string): CraftedStruct =>
  (encoder) => {
    writeItemHead(encoder, 4, place);
    encoding.writeVarString(encoder, text);
  };

/** A ContentAny item holding `values`. */
export const anyItem =
  (place: CraftedPlace, values: unknown[]): CraftedStruct =>
  (encoder) => {
    writeItemHead(encoder, 8, place);
    encoding.writeVarUint(encoder, values.length);
    for (const value of values) encoding.writeAny(encoder, value as string);
  };

/** A ContentDeleted item of `length`. */
export const deletedItem =
  (place: CraftedPlace, length: number): CraftedStruct =>
  (encoder) => {
    writeItemHead(encoder, 1, place);
    encoding.writeVarUint(encoder, length);
  };

/** A subdocument item. */
export const subdocItem =
  (place: CraftedPlace): CraftedStruct =>
  (encoder) => {
    writeItemHead(encoder, 9, place);
    encoding.writeVarString(encoder, 'a-subdocument');
    encoding.writeAny(encoder, {});
  };

/** A garbage-collected run of `length`. */
export const gcStruct =
  (length: number): CraftedStruct =>
  (encoder) => {
    encoding.writeUint8(encoder, 0);
    encoding.writeVarUint(encoder, length);
  };

/** A skip (a hole) of `length`. */
export const skipStruct =
  (length: number): CraftedStruct =>
  (encoder) => {
    encoding.writeUint8(encoder, 10);
    encoding.writeVarUint(encoder, length);
  };
