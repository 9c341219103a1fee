/** A stored circle as the export reads it: its index and entry states, straight from the store. */
import type { CircleSource } from '../../../../shared/export/readCircle';
import { HearthError } from '../../../../shared/ipc/errors';
import { INDEX_DOC_ID, entryDocId } from '../../../../shared/notebook/ids';
import type { CircleFolder } from '../store/circleFolder';

/** The export's view of one circle folder. */
export async function storedCircleSource(folder: CircleFolder): Promise<CircleSource> {
  const indexState = await folder.load(INDEX_DOC_ID);
  if (indexState === null) {
    throw new HearthError(
      'not-found',
      'This circle’s notebook has not arrived on this laptop yet.',
    );
  }
  return {
    indexState,
    entryState: (entryId) => folder.load(entryDocId(entryId)),
    memberId: folder.circle.profile.memberId,
    // Reactions and the journal are wired in with the circle features (issue 4).
  };
}
