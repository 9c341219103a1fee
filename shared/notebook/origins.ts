/**
 * Transaction origins. Every change to a document is made in `ydoc.transact(fn,
 * origin)` with one of these, so listeners can tell where a change came from: the
 * store does not write back what it just loaded, and the sync layer does not echo a
 * peer's update to that same peer.
 */

/** A change made by the member on this laptop (outside the editor binding). */
export const LOCAL_ORIGIN = Symbol.for('hearth.origin.local');
/** State read back from this laptop's store. */
export const STORE_ORIGIN = Symbol.for('hearth.origin.store');
/** A change received from a peer. */
export const PEER_ORIGIN = Symbol.for('hearth.origin.peer');
/**
 * Marks a change copied between an entry document and an open editor's replica of it.
 * Each editor link uses its own origin object `{ kind: REPLICA_ORIGIN }`, so two editors
 * on one entry still see each other's changes; {@link isReplicaOrigin} recognises them.
 */
export const REPLICA_ORIGIN = Symbol.for('hearth.origin.replica');

/** True for the origin object of an editor replica link. */
export function isReplicaOrigin(origin: unknown): boolean {
  return (
    typeof origin === 'object' &&
    origin !== null &&
    (origin as { kind?: unknown }).kind === REPLICA_ORIGIN
  );
}
