/**
 * The circle's documents as sync sees them (shared/sync/syncedDocs.ts), over the open
 * CircleSession and its presence. Local changes are those not read from the store and
 * not received from a peer; everything a peer sends lands with PEER_ORIGIN and is
 * persisted by the session like any other change.
 *
 * A link's opening reads the documents that are not live from main's copy
 * (`storeReaders`, over `hearth:docs:stateVectors` and `hearth:docs:diffs`), so a laptop
 * connecting does not bring every entry body into this page; withdrawn entries are never
 * read, and the live documents (`session.loadedDoc`) are the truth wherever they exist.
 * A peer's whole entries this laptop did not hold are written to main's store, checked,
 * without being made live here (`newDocs`).
 */
import { INDEX_DOC_ID, isDocId, type DocId, type EntryId } from '../../../shared/notebook/ids';
import { PEER_ORIGIN, STORE_ORIGIN } from '../../../shared/notebook/origins';
import { INDEX_ROOT } from '../../../shared/notebook/schema';
import { MAX_STORED_DOCS_PER_REQUEST, type StoredDiffRequest } from '../../../shared/ipc/contract';
import type { StoredDocReaders, SyncedDocs } from '../../../shared/sync/syncedDocs';
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
    storeReaders: storeReaders(session),
    // A peer's whole entries this laptop did not hold go to main's store, not into this page.
    newDocs: {
      takes: (docId) => isDocId(docId) && session.takesNewDoc(docId),
      write: (docs) => session.writeNewDocs(docs),
    },
  };
}

/** Main's copy of the documents that are not live, read a few hundred at a time. */
function storeReaders(session: CircleSession): StoredDocReaders {
  const store = session.storedDocs();
  // Only what may be served is asked about: never a withdrawn entry.
  const servable = (docId: DocId): boolean =>
    isDocId(docId) && (docId === INDEX_DOC_ID || !session.isWithdrawn(docId as string as EntryId));
  return {
    live: (docId) => session.loadedDoc(docId) ?? null,
    serves: servable,
    states: async (docIds) => {
      const found = new Map<DocId, Uint8Array | null>();
      const asked = docIds.filter(servable);
      for (let start = 0; start < asked.length; start += MAX_STORED_DOCS_PER_REQUEST) {
        const slice = asked.slice(start, start + MAX_STORED_DOCS_PER_REQUEST);
        for (const { docId, stateVector } of await store.stateVectors(slice)) {
          found.set(docId, stateVector);
        }
      }
      return found;
    },
    diffs: async (requests) => {
      const found = new Map<DocId, Uint8Array | null>();
      let left: StoredDiffRequest[] = requests.filter(({ docId }) => servable(docId));
      while (left.length > 0) {
        const slice = left.slice(0, MAX_STORED_DOCS_PER_REQUEST);
        const answers = await store.diffs(slice);
        // Main stops early when an answer grows large; nothing answered means nothing more will be.
        if (answers.length === 0) break;
        for (const { docId, update } of answers) found.set(docId, update);
        left = left.slice(answers.length);
      }
      // One withdrawn while the answer was on its way is held back where it is sent
      // (circleOpening.ts asks `serves` again then).
      return found;
    },
  };
}
