/**
 * What search reads of an open circle: the session's index and live documents, and main's
 * store (through the API) for the entries this page has not loaded.
 */
import type { HearthApi } from '../../../../shared/ipc/contract';
import type { CircleSession } from '../../live-documents/circleSession';
import type { CircleSearchSession } from './circleSearchSource';

/** The circle search reads, over `session` and main's `search` requests. */
export function circleSearchSession(
  session: CircleSession,
  api: Pick<HearthApi, 'search'>,
): CircleSearchSession {
  return {
    index: session.index,
    loadedDoc: (docId) => session.loadedDoc(docId),
    holds: (docId) => session.holds(docId),
    storedTexts: (entryIds) => api.search.entryTexts(session.circleId, entryIds),
    onDocUpdate: (listener) => session.onDocUpdate(listener),
  };
}
