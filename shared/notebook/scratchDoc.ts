/**
 * A throwaway Yjs document: a copy to check an update on, or to decode one with. Yjs
 * names every new document with a random uuid, drawn one hex digit at a time from the
 * platform's random source: 31 draws, each a call into the browser (about a tenth of a
 * millisecond in Chromium). A joining laptop makes a few such copies per document of the
 * circle; named here, a copy costs one draw (its client id) instead of 32.
 */
import * as Y from 'yjs';

const SCRATCH_GUID = 'hearth-scratch';

/** A new document for work that never leaves this call. */
export function scratchDoc(options: { gc?: boolean } = {}): Y.Doc {
  return new Y.Doc({ guid: SCRATCH_GUID, gc: options.gc ?? true });
}
