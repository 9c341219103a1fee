/**
 * A stored circle as the export reads it: its index and entry states straight from the
 * store, the circle's reactions (with the labels and the "show names" choice it made),
 * and — for "only my own words" — this laptop's private journal: its unshared entries,
 * and which anonymous entries of the circle this laptop wrote (only the journal knows).
 */
import * as Y from 'yjs';
import type { CircleSource } from '../../../../shared/export/readCircle';
import { HearthError } from '../../../../shared/ipc/errors';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { INDEX_DOC_ID, entryDocId, type EntryId } from '../../../../shared/notebook/ids';
import { JournalIndex } from '../../../../shared/notebook/journal';
import type { CircleFolder } from '../store/circleFolder';

/** The export's view of one circle folder, with the journal's folder when there is one. */
export async function storedCircleSource(
  folder: CircleFolder,
  journal: CircleFolder | null = null,
): Promise<CircleSource> {
  const indexState = await folder.load(INDEX_DOC_ID);
  if (indexState === null) {
    throw new HearthError(
      'not-found',
      'This circle’s notebook has not arrived on this laptop yet.',
    );
  }
  const indexDoc = new Y.Doc();
  Y.applyUpdate(indexDoc, indexState);
  const index = new CircleIndex(indexDoc);
  const { governance, reactions } = index.read();
  index.dispose();
  const circleId = folder.circle.profile.circleId;
  const source: CircleSource = {
    indexState,
    entryState: (entryId) => folder.load(entryDocId(entryId)),
    memberId: folder.circle.profile.memberId,
    reactions: {
      kinds: governance.reactions,
      byEntry: reactions,
      namesShown: governance.showReactionNames,
    },
  };
  if (journal === null) return source;

  const journalState = await journal.load(INDEX_DOC_ID);
  if (journalState === null) return source;
  const journalDoc = new Y.Doc();
  Y.applyUpdate(journalDoc, journalState);
  const drafts = new JournalIndex(journalDoc);
  const ownAnonymous = new Set<EntryId>();
  const entries: { createdAt: number; state: Uint8Array }[] = [];
  for (const draft of drafts.read()) {
    if (draft.sharedAs !== null) {
      if (draft.sharedAs.circleId === circleId && draft.sharedAs.anonymousClient !== null) {
        ownAnonymous.add(draft.sharedAs.entryId);
      }
      continue;
    }
    const state = await journal.load(entryDocId(draft.id));
    if (state !== null) entries.push({ createdAt: draft.createdAt, state });
  }
  drafts.dispose();
  return { ...source, journal: entries, ownAnonymousEntries: ownAnonymous };
}
