/**
 * Who wrote what in the index document. Yjs does not sign anything, but every item it
 * stores carries the client id of the laptop session that made it. A laptop registers
 * its own client id under its member id in the `clients` map — and a registration
 * counts only if that client wrote it itself — so a change can be traced to a member.
 *
 * This keeps honest laptops (and careless ones) from changing what only a facilitator
 * or an entry's author may change. It is not cryptographic: anyone holding the circle
 * key can craft raw Yjs updates under any client id. The circle key is the boundary;
 * DESIGN notes and the README say so plainly.
 *
 * Reading item ids uses Yjs internals (`_start`, `_map`, `Item.id`), which Yjs has kept
 * stable through 13.x; they are confined to this file.
 */
import type * as Y from 'yjs';
import { isId, type MemberId } from './ids';
import { INDEX_ROOT } from './schema';

/** A value from a log, with the client id that wrote it. */
export interface AuthoredValue {
  value: unknown;
  client: number;
}

interface ItemLike {
  id: { client: number; clock: number };
  deleted: boolean;
  left: ItemLike | null;
  right: ItemLike | null;
  content: { getContent(): unknown[] };
}

/** Every live value of a Y.Array, in order, with the client that appended it. */
export function authoredValues(yarray: Y.Array<unknown>): AuthoredValue[] {
  const out: AuthoredValue[] = [];
  // Y.Array keeps its items as a linked list from `_start`; deleted items stay as tombstones.
  let item = (yarray as unknown as { _start: ItemLike | null })._start;
  while (item !== null) {
    if (!item.deleted) {
      for (const value of item.content.getContent()) out.push({ value, client: item.id.client });
    }
    item = item.right;
  }
  return out;
}

/** The client id that last wrote `key` of a Y.Map, or null if the key is absent. */
export function keyAuthor(ymap: Y.Map<unknown>, key: string): number | null {
  const item = (ymap as unknown as { _map: Map<string, ItemLike> })._map.get(key);
  return item === undefined || item.deleted ? null : item.id.client;
}

/**
 * The client id that first wrote `key` of a Y.Map, whatever was written or deleted there
 * since; null if the key was never written. A later writer cannot take a first write back.
 */
export function firstKeyAuthor(ymap: Y.Map<unknown>, key: string): number | null {
  let item = (ymap as unknown as { _map: Map<string, ItemLike> })._map.get(key) ?? null;
  if (item === null) return null;
  // Each value written under a key points to the one it replaced.
  while (item.left !== null) item = item.left;
  return item.id.client;
}

/** Which member writes under which client id, from the `clients` map. */
export class ClientRegistry {
  private constructor(private readonly members: ReadonlyMap<number, MemberId>) {}

  /** Reads the registrations that their own client wrote (others are ignored). */
  static read(ydoc: Y.Doc): ClientRegistry {
    const yClients = ydoc.getMap<unknown>(INDEX_ROOT.clients);
    const members = new Map<number, MemberId>();
    yClients.forEach((memberId, key) => {
      const client = Number(key);
      if (!Number.isSafeInteger(client) || !isId(memberId)) return;
      if (keyAuthor(yClients, key) !== client) return;
      members.set(client, memberId as MemberId);
    });
    return new ClientRegistry(members);
  }

  /** The member behind a client id, if registered. */
  memberOf(client: number): MemberId | null {
    return this.members.get(client) ?? null;
  }
}

/**
 * Registers this document's client id under `memberId` within every local transaction
 * that finds it unregistered: the registration travels in the same update as the
 * session's first write, and a session that only reads (most openings) adds nothing to
 * the index. Registering at every opening instead grew the index by a record (~50
 * bytes, decoded at every later opening) each time any member opened the circle.
 * Checked at each local transaction, so a client id Yjs changed (a clash with a
 * peer's) is registered too. Returns the stop.
 */
export function registerClientOnWrite(ydoc: Y.Doc, memberId: MemberId): () => void {
  const yClients = ydoc.getMap<unknown>(INDEX_ROOT.clients);
  const beforeLocal = (transaction: Y.Transaction): void => {
    if (!transaction.local) return;
    const key = String(ydoc.clientID);
    // Inside the transaction that is starting: this write is part of its update.
    if (yClients.get(key) !== memberId) yClients.set(key, memberId);
  };
  ydoc.on('beforeTransaction', beforeLocal);
  return () => ydoc.off('beforeTransaction', beforeLocal);
}

/** Registers this document's client id under `memberId` (once per session). */
export function registerClient(ydoc: Y.Doc, memberId: MemberId, origin: unknown): void {
  const yClients = ydoc.getMap<unknown>(INDEX_ROOT.clients);
  const key = String(ydoc.clientID);
  if (yClients.get(key) === memberId) return;
  ydoc.transact(() => yClients.set(key, memberId), origin);
}
