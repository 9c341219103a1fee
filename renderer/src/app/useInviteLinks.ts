/**
 * Invite links that reach this laptop: from the operating system (the desktop app is
 * registered for hearth:// links) or, in browser mode, from `#invite=<link>` in the
 * page address. Either way the member sees the join dialog filled in; nothing is
 * joined without them.
 */
import { useCallback, useEffect, useState } from 'react';
import { hearth } from '../lib/hearthApi';

function takeInviteFromAddress(): string | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const invite = params.get('invite');
  if (invite === null) return null;
  params.delete('invite');
  const rest = params.toString();
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}${rest === '' ? '' : `#${rest}`}`,
  );
  return invite;
}

/** The invite link waiting for the member, and a way to put it down. */
export function useInviteLinks(): [string | null, () => void] {
  const [pending, setPending] = useState<string | null>(takeInviteFromAddress);
  useEffect(() => {
    const fromAddress = (): void => {
      const invite = takeInviteFromAddress();
      if (invite !== null) setPending(invite);
    };
    window.addEventListener('hashchange', fromAddress);
    const unsubscribe = hearth.events.onInviteLink(setPending);
    return () => {
      window.removeEventListener('hashchange', fromAddress);
      unsubscribe();
    };
  }, []);
  const clear = useCallback(() => setPending(null), []);
  return [pending, clear];
}
