/**
 * Nobody types an address: two laptops whose hosts announce and browse over mDNS (here
 * on the loopback interface, which keeps it off any real network) find each other's
 * signalling endpoints and sync, with an invite that names no address at all.
 */
import { inviteLink, parseInvite } from '../../shared/sync/invite';
import { expect, test } from './fixtures';
import {
  addMeeting,
  createCircle,
  joinByPasting,
  readInvite,
  startEntry,
  syncStatus,
} from '../helpers/member';

test('two laptops find each other over mDNS and sync with no address in the invite', async ({
  hearth,
}) => {
  const ana = await hearth.openPage(await hearth.startHost('ana', undefined, { discovery: true }));
  const ben = await hearth.openPage(await hearth.startHost('ben', undefined, { discovery: true }));

  await createCircle(ana.page, { name: 'Lantern circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'Found without an address' });
  await startEntry(ana.page);
  await ana.page.keyboard.type('Ana wrote this before Ben arrived.');
  const { link } = await readInvite(ana.page);

  const invite = parseInvite(link);
  if (!invite.ok) throw new Error(invite.reason);
  const withoutAddresses = inviteLink({ ...invite.value, endpoints: [] });
  if (!withoutAddresses.ok) throw new Error(withoutAddresses.reason);

  await joinByPasting(ben.page, withoutAddresses.value, 'Ben');
  await expect(syncStatus(ben.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
  await expect(ben.page.getByRole('textbox', { name: 'Entry by Ana' })).toHaveText(
    'Ana wrote this before Ben arrived.',
  );
  console.log('discovery: two hosts on the loopback interface found each other over mDNS');
});
