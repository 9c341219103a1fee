/**
 * The room's side of the status line, in words: where sync with the other laptops
 * stands, and — first — whether Hearth's own process on this computer is there at all
 * (browser mode), since "everything stays on this laptop" is untrue while nothing saves.
 */
import type { TFunction } from 'i18next';
import type { SyncStatus } from '../sync/circleSync';

/** What the room's words need besides the sync status. */
export interface RoomContext {
  /** Hearth's own process on this computer is gone (browser mode): nothing saves now. */
  hostLost: boolean;
  /** The name of the member writing from a peer laptop, if known. */
  nameOf: (memberId: string | null) => string | null;
  language: string;
}

/** The sentence the status line shows for the room. */
export function roomStatusText(t: TFunction, status: SyncStatus, context: RoomContext): string {
  const peers = status.peers.length;
  const syncing = status.peers.filter((peer) => !peer.inStep).length;
  const interrupted = status.peers.filter((peer) => peer.interrupted).length;
  // The links to other laptops live in this window and keep carrying what is typed.
  if (context.hostLost) {
    return peers === 0 ? t('sync.hostLost') : t('sync.hostLostConnected', { count: peers });
  }
  if (status.paused) return t('sync.paused');
  if (peers === 0) return status.endpoints === 0 ? t('sync.offline') : t('sync.alone');
  if (interrupted > 0) return t('sync.interrupted', { count: interrupted });
  if (syncing > 0) {
    const progress = status.catchingUp;
    if (progress === null || progress.total === 0) return t('sync.syncing', { count: peers });
    return t('sync.syncingProgress', { count: peers, done: progress.done, total: progress.total });
  }
  const relayed = status.peers.filter((peer) => peer.path === 'relay');
  if (relayed.length === 0) return t('sync.connected', { count: peers });
  const names = relayed.map((peer) => context.nameOf(peer.memberId) ?? t('sync.someone'));
  return t('sync.connectedRelayed', {
    count: peers,
    names: new Intl.ListFormat(context.language, { type: 'conjunction' }).format(names),
  });
}
