/**
 * The `hearth:docs:*` requests: a circle's documents as the renderer streams them to disk
 * and loads them back. The store refuses an unknown circle with `not-found`.
 */
import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { Store } from './store';
import { StoredStates } from './storedStates';

/** The handlers of the document channels, over `store`. */
export function docHandlers(
  store: Store,
): Pick<
  InvokeHandlers,
  | 'hearth:docs:load'
  | 'hearth:docs:append'
  | 'hearth:docs:appendMany'
  | 'hearth:docs:flush'
  | 'hearth:docs:remove'
  | 'hearth:docs:stateVectors'
  | 'hearth:docs:diffs'
> {
  const states = new StoredStates((circleId) => store.circle(circleId));
  return {
    'hearth:docs:load': async (circleId, docId) => (await store.circle(circleId)).load(docId),
    'hearth:docs:append': async (circleId, docId, update) =>
      (await store.circle(circleId)).append(docId, update),
    'hearth:docs:appendMany': async (circleId, appends) => {
      const circle = await store.circle(circleId);
      // Side by side, as separate requests would be: one group commit covers them all.
      await Promise.all(appends.map(({ docId, update }) => circle.append(docId, update)));
    },
    'hearth:docs:flush': () => store.flush(),
    'hearth:docs:remove': async (circleId, docId) => (await store.circle(circleId)).remove(docId),
    // Stored documents answered from main's copy (./storedStates.ts).
    'hearth:docs:stateVectors': (circleId, docIds) => states.stateVectors(circleId, docIds),
    'hearth:docs:diffs': (circleId, requests) => states.diffs(circleId, requests),
  };
}
