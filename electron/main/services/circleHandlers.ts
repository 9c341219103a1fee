/**
 * The `hearth:circles:*` and `hearth:journal:*` requests: the circles kept on this laptop,
 * made, joined from an invite and opened, and the private journal (kept like a circle but
 * never listed as one).
 */
import type { InvokeHandlers } from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import { INDEX_DOC_ID } from '../../../shared/notebook/ids';
import { logger } from '../../../shared/log';
import { foundCircle, joinedCircle } from './circles';
import { journalIdIn, journalOpener } from './journal';
import { keepOpened } from './openedCircle';
import { circleSummary, type StoredCircle } from './store/circleProfile';
import type { Store } from './store/store';

const log = logger('backend');
// As many as an invite may carry (shared/ipc/arguments.ts).
const MAX_INVITE_ENDPOINTS = 8;

/** What the circle requests need. */
export interface CircleHandlersOptions {
  store: Store;
  dataDir: string;
  now: () => number;
}

/** The handlers of the circle and journal channels. */
export function circleHandlers({
  store,
  dataDir,
  now,
}: CircleHandlersOptions): Pick<
  InvokeHandlers,
  | 'hearth:circles:list'
  | 'hearth:circles:create'
  | 'hearth:circles:join'
  | 'hearth:circles:open'
  | 'hearth:circles:settle-colour'
  | 'hearth:journal:open'
> {
  return {
    'hearth:circles:list': async () => {
      const [circles, journalId] = await Promise.all([store.circles(), journalIdIn(dataDir)]);
      return circles
        .filter((circle) => circle.profile.circleId !== journalId)
        .toSorted(newestOpenedFirst)
        .map(circleSummary);
    },
    'hearth:circles:create': async (request) => {
      const { circle, indexState } = foundCircle(request, now());
      await store.createCircle(circle, indexState);
      log.info('a circle was made');
      return circleSummary(circle);
    },
    'hearth:circles:join': async (request) => {
      const { folder, joined } = await store.joinCircle(joinedCircle(request, now()));
      if (joined) {
        log.info('a circle was joined from an invite');
        return circleSummary(folder.circle);
      }
      // The same invite opened again: the circle it names, as it is. A different key under
      // the same id is not the same circle, and must not be mixed with it.
      const current = folder.circle;
      if (current.profile.circleKey !== request.circleKey) {
        throw new HearthError(
          'invalid-argument',
          'This laptop already has a circle with this invite’s id, but a different key. Ask for a new invite.',
        );
      }
      const endpoints = [...new Set([...request.endpoints, ...current.profile.inviteEndpoints])];
      const fresher = endpoints.slice(0, MAX_INVITE_ENDPOINTS);
      // A newer invite's relays carry newer credentials: they replace the ones kept.
      const turn = request.turn.length > 0 ? request.turn : (current.profile.inviteTurn ?? []);
      if (
        fresher.join() === current.profile.inviteEndpoints.join() &&
        JSON.stringify(turn) === JSON.stringify(current.profile.inviteTurn ?? [])
      ) {
        return circleSummary(current);
      }
      const updated = await folder.update((stored) => ({
        ...stored,
        profile: {
          ...stored.profile,
          inviteEndpoints: fresher,
          ...(turn.length === 0 ? {} : { inviteTurn: turn }),
        },
      }));
      return circleSummary(updated);
    },
    'hearth:circles:open': async (circleId) => {
      const folder = await store.circle(circleId);
      const [indexState, docIds] = await Promise.all([folder.load(INDEX_DOC_ID), folder.docIds()]);
      const openedAt = now();
      // The member waits for the notebook, not for the switcher's order and name: those
      // are kept after the answer (./openedCircle.ts).
      keepOpened(folder, openedAt);
      const opened = { ...folder.circle, lastOpenedAt: openedAt };
      return { summary: circleSummary(opened), profile: opened.profile, docIds, indexState };
    },
    'hearth:circles:settle-colour': async (circleId, colour) => {
      const folder = await store.circle(circleId);
      // Settled once: a later call (another window, a replay) keeps the first colour.
      if (folder.circle.profile.colourByDefault !== true) return circleSummary(folder.circle);
      const updated = await folder.update((current) => {
        const { colourByDefault: _settled, ...profile } = current.profile;
        return { ...current, profile: { ...profile, colour } };
      });
      return circleSummary(updated);
    },
    'hearth:journal:open': journalOpener(store, dataDir, now),
  };
}

function newestOpenedFirst(a: StoredCircle, b: StoredCircle): number {
  return b.lastOpenedAt - a.lastOpenedAt || b.profile.createdAt - a.profile.createdAt;
}
