/**
 * The circle's documents as sync sees them (shared/sync/syncedDocs.ts), over the open
 * CircleSession and its presence. Local changes are those not read from the store and
 * not received from a peer; everything a peer sends lands with PEER_ORIGIN and is
 * persisted by the session like any other change.
 */
import { INDEX_DOC_ID, isDocId, type DocId, type EntryId } from '../../../shared/notebook/ids';
import { PEER_ORIGIN, STORE_ORIGIN } from '../../../shared/notebook/origins';
import { INDEX_ROOT } from '../../../shared/notebook/schema';
import type { SyncedDocs } from '../../../shared/sync/syncedDocs';
import type { CircleSession } from '../live-documents/circleSession';
import type { CirclePresence } from './circlePresence';

/** Presents an open circle's documents to the mesh. */
export function sessionDocs(session: CircleSession, presence: CirclePresence): SyncedDocs {
  return {
    docIds: () => session.docIds(),
    holds: (docId) => session.holds(docId),
    doc: async (docId) => {
      if (!isDocId(docId)) return null;
      if (docId === INDEX_DOC_ID) return session.index.ydoc;
      const entryId = docId as string as EntryId;
      // A withdrawn entry is gone here for good: whatever a peer still holds of it is refused.
      if (session.isWithdrawn(entryId)) return null;
      return session.entryDoc(entryId);
    },
    // The raw record, valid or not: an entry is named once its record exists at all.
    isNamed: (docId) =>
      docId === INDEX_DOC_ID || session.index.ydoc.getMap(INDEX_ROOT.entries).has(docId),
    writing: (docId) => session.index.read().writing.get(docId as string as EntryId) ?? null,
    onLocalUpdate: (listener) =>
      session.onDocUpdate((docId, update, origin) => {
        if (origin !== PEER_ORIGIN && origin !== STORE_ORIGIN) listener(docId, update);
      }),
    onDocAdded: (listener) => session.onDocAdded(listener),
    applyRemoteAwareness: (docId: DocId, update, peerId) =>
      presence.applyRemote(docId, update, peerId),
    onLocalAwareness: (listener) => presence.onLocal(listener),
  };
}
