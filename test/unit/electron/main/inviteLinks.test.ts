import { describe, expect, it, vi } from 'vitest';
import {
  checkedInviteLink,
  createInviteLinkInbox,
  inviteLinkInArgv,
  MAX_INVITE_LINK_LENGTH,
  registerInviteProtocol,
} from '../../../../electron/main/inviteLinks';

const LINK = 'hearth://join/AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA';

describe('invite links from the operating system', () => {
  it('takes hearth://join/ links only, bounded and printable', () => {
    expect(checkedInviteLink(LINK)).toBe(LINK);
    expect(checkedInviteLink('hearth://join/' + 'a'.repeat(MAX_INVITE_LINK_LENGTH))).toBeNull();
    for (const other of [
      'hearth://join/',
      'hearth://open/abc',
      'HEARTH://join/abc',
      'https://example.com/hearth://join/abc',
      'hearth://join/a b',
      'hearth://join/a\nb',
      'hearth://join/é',
      42,
      null,
    ]) {
      expect(checkedInviteLink(other)).toBeNull();
    }
  });

  it('finds the link among the arguments a second instance was started with', () => {
    expect(inviteLinkInArgv(['/opt/Hearth/hearth', '--no-sandbox', LINK])).toBe(LINK);
    expect(inviteLinkInArgv(['/opt/Hearth/hearth', '--allow-file-access'])).toBeNull();
  });

  it('hands a link to a loaded page at once, and keeps one until a page has loaded', () => {
    const deliver = vi.fn();
    let hasPage = false;
    const inbox = createInviteLinkInbox({ deliver, hasPage: () => hasPage });
    inbox.receive('https://not.an.invite/');
    inbox.receive(LINK);
    expect(deliver).not.toHaveBeenCalled();
    hasPage = true;
    inbox.pageLoaded();
    expect(deliver).toHaveBeenCalledExactlyOnceWith(LINK);
    inbox.pageLoaded();
    expect(deliver).toHaveBeenCalledOnce();
    inbox.receive(`${LINK}x`);
    expect(deliver).toHaveBeenLastCalledWith(`${LINK}x`);
  });

  it('registers hearth:// for the packaged app, and with its script when run from source', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    registerInviteProtocol(app, { defaultApp: false, execPath: '/opt/Hearth/hearth', argv: [] });
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('hearth');
    registerInviteProtocol(app, {
      defaultApp: true,
      execPath: '/usr/lib/electron',
      argv: ['/usr/lib/electron', '/work/hearth'],
    });
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('hearth', '/usr/lib/electron', [
      '/work/hearth',
    ]);
  });
});
