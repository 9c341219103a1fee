/**
 * What main keeps when a circle is opened, after the opening is answered: when it was
 * last opened (the switcher lists the newest first) and its name as its index document
 * says now (a peer may have renamed it). Neither is worth a member's wait: the name
 * means decoding the whole index, which grows with every meeting, so it is read a
 * moment later, once the renderer has had its turn with the notebook.
 */
import * as Y from 'yjs';
import { INDEX_DOC_ID } from '../../../shared/notebook/ids';
import { checkMeta } from '../../../shared/notebook/records';
import { INDEX_ROOT } from '../../../shared/notebook/schema';
import { logger } from '../../../shared/log';
import type { CircleFolder } from './store/circleFolder';

const log = logger('backend');

/** How long after an opening its name is read from the index. */
export const NAME_READ_DELAY_MS = 2000;

/** Keeps `openedAt` now and the index's name after `NAME_READ_DELAY_MS`, in the background. */
export function keepOpened(
  folder: CircleFolder,
  openedAt: number,
  nameDelayMs = NAME_READ_DELAY_MS,
): void {
  folder
    .update((current) => ({ ...current, lastOpenedAt: openedAt }))
    .catch((error: unknown) => {
      log.warn('when the circle was opened was not kept', { error: String(error) });
    });
  const timer = setTimeout(() => void takeUpName(folder), nameDelayMs);
  // A host stopping meanwhile does not wait for it: the next opening reads it again.
  timer.unref?.();
}

async function takeUpName(folder: CircleFolder): Promise<void> {
  try {
    const indexState = await folder.load(INDEX_DOC_ID);
    const name = indexState === null ? null : circleNameIn(indexState);
    if (name === null || name === folder.circle.name) return;
    await folder.update((current) => ({ ...current, name }));
  } catch (error) {
    log.warn('the circle’s name was not read from its notebook', { error: String(error) });
  }
}

/** The circle's name as its index document says now, if valid. */
export function circleNameIn(indexState: Uint8Array): string | null {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, indexState);
    // Only the meta record: the whole snapshot would check every entry to read one name.
    const checked = checkMeta(ydoc.getMap(INDEX_ROOT.meta).toJSON());
    return checked.ok ? checked.value.name : null;
  } finally {
    ydoc.destroy();
  }
}
