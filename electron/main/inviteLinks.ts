/**
 * `hearth://join/…` invite links that the operating system hands to Hearth: macOS sends
 * an `open-url` event, Windows and Linux start Hearth (or a second instance, which
 * passes its argv to the first) with the link as an argument. Each arrives here, is
 * checked, and is forwarded to the renderer as a `hearth:app:invite-link` event once a
 * page is there to hear it; the renderer decodes the invite itself.
 *
 * What is checked: a string that starts with `hearth://join/`, is at most
 * {@link MAX_INVITE_LINK_LENGTH} characters, and is printable ASCII (an operating
 * system hands links over percent-encoded). Anything else on a command line is not a
 * link for Hearth and is ignored.
 */
import { resolve } from 'node:path';
import type { App } from 'electron';

/** Hearth's URL scheme. */
export const INVITE_PROTOCOL = 'hearth';
/** How every invite link starts. */
export const INVITE_LINK_PREFIX = `${INVITE_PROTOCOL}://join/`;
/** The longest invite link accepted: an invite is a key, an id, a name and a few addresses. */
export const MAX_INVITE_LINK_LENGTH = 4096;

/** `value` when it is an invite link (see the file comment), else null. */
export function checkedInviteLink(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (value.length > MAX_INVITE_LINK_LENGTH || value.length <= INVITE_LINK_PREFIX.length) {
    return null;
  }
  if (!value.startsWith(INVITE_LINK_PREFIX)) return null;
  return /^[\x21-\x7e]+$/.test(value) ? value : null;
}

/** The invite link among a command line's arguments, if any (the last one wins). */
export function inviteLinkInArgv(argv: readonly string[]): string | null {
  let found: string | null = null;
  for (const argument of argv) found = checkedInviteLink(argument) ?? found;
  return found;
}

/** Holds an invite link until a page can receive it. */
export interface InviteLinkInbox {
  /** An invite link from the operating system (anything unchecked; invalid ones are ignored). */
  receive(value: unknown): void;
  /** A page finished loading: hand it the link that was waiting, if any. */
  pageLoaded(): void;
}

/**
 * An inbox that delivers at once when `hasPage()` says a loaded page is there, and
 * otherwise keeps the latest link (Hearth was started by the link, or its window was
 * closed) until `pageLoaded()`.
 */
export function createInviteLinkInbox(options: {
  deliver: (link: string) => void;
  hasPage: () => boolean;
}): InviteLinkInbox {
  let waiting: string | null = null;
  return {
    receive: (value) => {
      const link = checkedInviteLink(value);
      if (link === null) return;
      if (options.hasPage()) options.deliver(link);
      else waiting = link;
    },
    pageLoaded: () => {
      if (waiting === null) return;
      const link = waiting;
      waiting = null;
      options.deliver(link);
    },
  };
}

/**
 * Makes Hearth the handler of `hearth://` links. An app run from source (`electron .`,
 * `process.defaultApp`) is Electron plus a script, so the OS must be given both.
 */
export function registerInviteProtocol(
  app: Pick<App, 'setAsDefaultProtocolClient'>,
  launch: { defaultApp: boolean; execPath: string; argv: readonly string[] },
): boolean {
  const script = launch.argv[1];
  if (launch.defaultApp && script !== undefined) {
    return app.setAsDefaultProtocolClient(INVITE_PROTOCOL, launch.execPath, [resolve(script)]);
  }
  return app.setAsDefaultProtocolClient(INVITE_PROTOCOL);
}
