/**
 * The `hearth:docs:*` requests: a circle's documents as the renderer streams them to disk
 * and loads them back. The store refuses an unknown circle with `not-found`.
 */
import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { Store } from './store';

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
> {
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
  };
}
