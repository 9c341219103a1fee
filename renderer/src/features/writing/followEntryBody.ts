/**
 * Reads an entry's body when it is loaded and again after it changes, but never inside
 * the change: a keystroke (this member's or a peer's) reaches the screen in its own task
 * and frame, and the read comes in a later task. A burst of keystrokes is read once per
 * {@link READ_AFTER_CHANGE_MS}.
 *
 * Why: who wrote what is read by walking the whole body (shared/notebook/writtenRuns.ts),
 * and it used to be read, and the entry's card rendered again, on every keystroke, before
 * the keystroke was painted (about 3–5 ms a key, profiled in `npm run bench -- --typing`).
 */
import type * as Y from 'yjs';
import { entryDocId, type DocId, type EntryId } from '../../../../shared/notebook/ids';

/** How long after a change the body is read; a byline or "who wrote what" may wait this long. */
export const READ_AFTER_CHANGE_MS = 120;

/** What the follower needs of the circle's session. */
export interface EntryBodySource {
  entryDoc(entryId: EntryId): Promise<Y.Doc>;
  loadedDoc(docId: DocId): Y.Doc | undefined;
  onDocUpdate(listener: (changed: DocId) => void): () => void;
}

/** Calls `read` with the body once loaded and after its changes; returns the stop. */
export function followEntryBody(
  session: EntryBodySource,
  entryId: EntryId,
  read: (body: Y.Doc) => void,
): () => void {
  const docId = entryDocId(entryId);
  let following = true;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const readNow = (): void => {
    pending = null;
    const body = following ? session.loadedDoc(docId) : undefined;
    if (body !== undefined) read(body);
  };
  session.entryDoc(entryId).then(readNow, () => undefined);
  const stopListening = session.onDocUpdate((changed) => {
    if (changed !== docId || pending !== null) return;
    pending = setTimeout(readNow, READ_AFTER_CHANGE_MS);
  });
  return () => {
    following = false;
    if (pending !== null) clearTimeout(pending);
    stopListening();
  };
}
