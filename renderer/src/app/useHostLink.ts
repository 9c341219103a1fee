/**
 * Whether this page can reach Hearth's main process (./../lib/hearthApi.ts). When the
 * link comes back, the circle's waiting writes are sent at once rather than after
 * their backoff, so the words kept in this window reach the disk as soon as they can.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { HostLink } from '../lib/browserBridge';
import { hostLink } from '../lib/hearthApi';
import type { CircleSession } from '../live-documents/circleSession';

const subscribe = (listener: () => void): (() => void) => hostLink.subscribe(listener);
const read = (): HostLink => hostLink.read();

/** The host link now; retries the session's waiting writes when it comes back. */
export function useHostLink(session: CircleSession): HostLink {
  const link = useSyncExternalStore(subscribe, read);
  useEffect(() => {
    if (link === 'connected') session.saves.retryNow();
  }, [link, session]);
  return link;
}
