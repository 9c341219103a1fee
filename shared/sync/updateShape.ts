/**
 * Inspection of an untrusted Yjs update (format V1) against the document it is meant
 * for, before anything touches that document. It counts the structs first
 * (./structCount.ts: over a million is refused before Yjs builds any), decodes the whole
 * update, and refuses what no honest Yjs writer produces and what experiments showed to
 * damage a document:
 *
 * - undecodable bytes (Yjs would apply the structs it read before failing: a truncated
 *   delete set leaves a half-applied update);
 * - a struct of length zero (an empty string or list item, ContentDeleted of 0): Yjs
 *   integrates it, then the document can no longer be encoded, or the next local edit
 *   points at an id nobody has and so never arrives anywhere;
 * - a skip struct (a hole); one writer listed twice (Yjs silently keeps only the last
 *   run); a client id over 32 bits; clocks over 2^40 (near 2^53 ids stop being exact);
 *   over-long keys; a subdocument;
 * - an item that refers to itself or to a later item of its own writer (as its left or
 *   right neighbour or its parent): Yjs writes neighbours before the items between them,
 *   and such an item makes Yjs throw or wait for ever;
 * - anything written or deleted under one of this laptop's own client ids beyond what
 *   this laptop wrote (a forgery: Yjs would accept it and silently drop this laptop's
 *   real edit with that id, and the laptops would disagree for good).
 *
 * Then it tells whether the update is a plain addition: new structs continuing each
 * writer's clock, whose neighbours and parents are live items or earlier structs of the
 * same writer, deleting only what is known — what typing produces, which
 * ./updateGuard.ts applies directly. For such a candidate it also refuses an insertion
 * whose two neighbours lie in different places. Anything else is left to Yjs on a
 * scratch copy.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Checked } from '../validate';
import { MAX_CLIENT_ID, MAX_CLOCK } from './peerProtocol';
import { countStructs } from './structCount';

/** The longest root name, map key, format key or element name accepted. */
export const MAX_KEY_CHARS = 256;
/**
 * The most structs one update may hold. Yjs builds an object of a few hundred bytes per
 * struct, so this caps what a peer can make this laptop allocate; a real notebook
 * document, even a long entry edited for a year, has far fewer.
 */
export const MAX_STRUCTS_PER_UPDATE = 1_000_000;
/** Updates with more structs than this always take the thorough path. */
const PLAIN_MAX_STRUCTS = 512;

/** What inspection found out about an acceptable update. */
export interface UpdateShape {
  /** New structs continuing each writer's clock, depending only on known items. */
  plainAddition: boolean;
  /** The update as Yjs decodes it (for checks a document kind adds: ./documentRules.ts). */
  decoded: DecodedUpdate;
}

/** An update as `Y.decodeUpdate` gives it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

type Struct = Y.Item | Y.GC | Y.Skip;
/** One writer's structs in the update: contiguous clocks from `start` to `end`. */
interface Run {
  start: number;
  end: number;
  structs: Struct[];
}
/** Where a referenced id lives. */
type Resolved = { at: 'live'; struct: Y.Item | Y.GC } | { at: 'update'; struct: Struct } | null;

/** Inspects `update` for `ydoc`; `ownClients` are the client ids this laptop writes with. */
export function inspectUpdate(
  ydoc: Y.Doc,
  update: Uint8Array,
  ownClients: ReadonlySet<number>,
): Checked<UpdateShape> {
  try {
    return inspect(ydoc, update, ownClients);
  } catch (error) {
    // Only a damaged live document could make the lookups above throw.
    return refuse(`an update that could not be inspected (${describe(error)})`);
  }
}

function inspect(
  ydoc: Y.Doc,
  update: Uint8Array,
  ownClients: ReadonlySet<number>,
): Checked<UpdateShape> {
  const count = countStructs(update, MAX_STRUCTS_PER_UPDATE);
  if (count !== null && count > MAX_STRUCTS_PER_UPDATE) {
    return refuse(`an update of more than ${MAX_STRUCTS_PER_UPDATE} structs`);
  }
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return refuse(`an update Yjs cannot decode (${describe(error)})`);
  }
  const { structs, ds } = decoded;
  const store = ydoc.store;
  const runs = new Map<number, Run>();
  let previous: number | null = null;
  let plainAddition = structs.length <= PLAIN_MAX_STRUCTS;
  for (const struct of structs) {
    const { client, clock } = struct.id;
    const reason = checkStruct(struct) ?? checkOwnReferences(struct);
    if (reason !== null) return refuse(reason);
    let run = runs.get(client);
    if (client !== previous || run === undefined) {
      if (run !== undefined) return refuse('an update listing one writer twice');
      // A run must continue what this document holds of its writer, or it waits for more.
      if (clock !== Y.getState(store, client)) plainAddition = false;
      run = { start: clock, end: clock, structs: [] };
      runs.set(client, run);
      previous = client;
    }
    run.end = clock + struct.length;
    run.structs.push(struct);
    if (ownClients.has(client) && run.end > Y.getState(store, client)) {
      return refuse("an update written under this laptop's own client id");
    }
    if (!(struct instanceof Y.Item)) plainAddition = false;
  }
  // Yjs's decoder keeps only the last run of a writer listed twice (and an empty run
  // wipes an earlier one), while decodeUpdate shows them all: the counts must agree.
  if (decoding.readVarUint(decoding.createDecoder(update)) !== runs.size) {
    return refuse('an update listing one writer twice, or a writer with nothing');
  }
  for (const [client, deletions] of ds.clients) {
    if (client > MAX_CLIENT_ID) return refuse('a deletion under a client id over 32 bits');
    const known = Math.max(Y.getState(store, client), runs.get(client)?.end ?? 0);
    for (const { clock, len } of deletions) {
      if (!(len >= 1) || clock + len > MAX_CLOCK) return refuse('a deletion of a bad range');
      if (clock + len > known) {
        if (ownClients.has(client)) return refuse("a deletion of this laptop's unwritten text");
        plainAddition = false;
      }
    }
  }
  if (!plainAddition) return { ok: true, value: { plainAddition, decoded } };
  return checkNeighbours(store, decoded, runs);
}

/**
 * An item refers to its left and right neighbours and its parent by id; one written
 * after them. An item naming itself or a later item of its own writer was never written
 * by Yjs: Yjs throws on some such updates and parks others as "pending" for good.
 */
function checkOwnReferences(struct: Struct): string | null {
  if (!(struct instanceof Y.Item)) return null;
  const { client, clock } = struct.id;
  for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
    if (ref instanceof Y.ID && ref.client === client && ref.clock >= clock) {
      return 'an item that refers to itself or to a later item of its writer';
    }
  }
  return null;
}

/**
 * For a candidate plain addition: every neighbour and parent must be a live item or an
 * earlier struct of the same writer, and the two neighbours of an insertion must sit in
 * one place. Anything else goes the thorough way (or is refused when plainly malformed).
 */
function checkNeighbours(
  store: Y.Doc['store'],
  decoded: DecodedUpdate,
  runs: ReadonlyMap<number, Run>,
): Checked<UpdateShape> {
  const structs: readonly Struct[] = decoded.structs;
  const notPlain: Checked<UpdateShape> = { ok: true, value: { plainAddition: false, decoded } };
  const resolve = (id: Y.ID): Resolved => {
    if (id.clock < Y.getState(store, id.client)) {
      return { at: 'live', struct: Y.getItem(store, id) as Y.Item | Y.GC };
    }
    const run = runs.get(id.client);
    if (run === undefined || id.clock < run.start || id.clock >= run.end) return null;
    return { at: 'update', struct: structAt(run.structs, id.clock) };
  };
  const places = new Map<Y.Item, unknown>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) return notPlain;
    const refs = [
      struct.origin,
      struct.rightOrigin,
      struct.parent instanceof Y.ID ? struct.parent : null,
    ];
    const found: Resolved[] = [];
    for (const ref of refs) {
      if (ref === null) {
        found.push(null);
        continue;
      }
      const target = resolve(ref);
      if (target === null || !(target.struct instanceof Y.Item)) return notPlain;
      if (target.at === 'update') {
        if (target.struct.id.client !== struct.id.client) return notPlain;
        if (target.struct.id.clock >= struct.id.clock) {
          return refuse('an item that refers to itself or to a later item of its writer');
        }
      }
      found.push(target);
    }
    const place = placeOf(struct, found, places);
    if (place === undefined) return notPlain;
    if (place === CONFLICT) return refuse('an insertion between neighbours in different places');
    places.set(struct, place);
  }
  return { ok: true, value: { plainAddition: true, decoded } };
}

/** The struct of a writer's contiguous run that holds `clock` (binary search). */
function structAt(structs: readonly Struct[], clock: number): Struct {
  let low = 0;
  let high = structs.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (structs[middle]!.id.clock <= clock) low = middle;
    else high = middle - 1;
  }
  return structs[low]!;
}

function checkStruct(struct: Struct): string | null {
  const { client, clock } = struct.id;
  if (client > MAX_CLIENT_ID) return 'a struct under a client id over 32 bits';
  if (!(struct.length >= 1)) return 'a struct of length zero';
  if (clock + struct.length > MAX_CLOCK) return 'a struct with a clock out of range';
  if (struct instanceof Y.Skip) return 'an update with a hole in it (a skip struct)';
  if (!(struct instanceof Y.Item)) return null;
  const { content, parent, parentSub } = struct;
  if (content instanceof Y.ContentDoc) return 'a subdocument (Hearth has none)';
  if (typeof parent === 'string' && (parent as string).length > MAX_KEY_CHARS) {
    return 'a root name that is too long';
  }
  if (parentSub !== null && parentSub.length > MAX_KEY_CHARS) return 'a key that is too long';
  if (content instanceof Y.ContentFormat && content.key.length > MAX_KEY_CHARS) {
    return 'a format key that is too long';
  }
  if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement) {
    if (content.type.nodeName.length > MAX_KEY_CHARS) return 'an element name that is too long';
  }
  return null;
}

const CONFLICT = Symbol('conflict');

/**
 * Where an item goes, as `parent|key`, a string two items share exactly when they sit in
 * the same list or map entry; undefined when it cannot be told cheaply. A parent is named
 * by the id of the item that made it, or by its root name: objects from the live
 * document and from the decoded update never compare equal, but their ids do.
 */
function placeOf(
  item: Y.Item,
  [origin, right, parentRef]: Resolved[],
  places: ReadonlyMap<Y.Item, unknown>,
): unknown {
  if (item.origin !== null || item.rightOrigin !== null) {
    const left = item.origin === null ? null : neighbourPlace(origin ?? null, places);
    const rightPlace = item.rightOrigin === null ? null : neighbourPlace(right ?? null, places);
    if (left === undefined || rightPlace === undefined) return undefined;
    if (left !== null && rightPlace !== null && left !== rightPlace) return CONFLICT;
    return left ?? rightPlace;
  }
  const key = item.parentSub ?? '';
  if (typeof item.parent === 'string') return `root:${item.parent as string}|${key}`;
  const parentItem = parentRef?.struct;
  if (!(parentItem instanceof Y.Item) || !(parentItem.content instanceof Y.ContentType)) {
    return undefined;
  }
  // A parent deleted here (a concurrent deletion) is for Yjs to handle.
  if (parentRef!.at === 'live' && parentItem.deleted) return undefined;
  return `${idKey(parentItem.id)}|${key}`;
}

function neighbourPlace(resolved: Resolved, places: ReadonlyMap<Y.Item, unknown>): unknown {
  if (resolved === null || !(resolved.struct instanceof Y.Item)) return undefined;
  if (resolved.at === 'update') return places.get(resolved.struct);
  const parent = resolved.struct.parent as Y.AbstractType<unknown> | null;
  if (parent === null) return undefined;
  const parentKey = parent._item === null ? rootKey(parent) : idKey(parent._item.id);
  return parentKey === undefined ? undefined : `${parentKey}|${resolved.struct.parentSub ?? ''}`;
}

function idKey(id: Y.ID): string {
  return `item:${id.client}:${id.clock}`;
}

function rootKey(type: Y.AbstractType<unknown>): string | undefined {
  for (const [name, root] of type.doc?.share ?? []) if (root === type) return `root:${name}`;
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 80) : 'unknown error';
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
