/**
 * Offering words without touching someone's entry: a member who is not invited to write
 * in Ana's entry answers it with a comment under it, in his own name, over real WebRTC;
 * Ana's words stay as they were; he takes the comment back and it is gone on both laptops.
 */
import { expect, test } from './fixtures';
import {
  addMeeting,
  createCircle,
  joinByPasting,
  readInvite,
  startEntry,
  syncStatus,
} from '../helpers/member';

test('Ben answers Ana’s entry with a comment under it, by keyboard, and takes it back', async ({
  hearth,
}) => {
  test.setTimeout(180_000);
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  await createCircle(ana.page, { name: 'Rowan circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'Monday' });
  await startEntry(ana.page);
  await ana.page.keyboard.type('It was a hard week, and I came anyway.');
  const invite = await readInvite(ana.page);
  await joinByPasting(ben.page, invite.link, 'Ben');
  for (const peer of [ana, ben]) {
    await expect(syncStatus(peer.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
  }
  const anaEntry = (peer: typeof ana) =>
    peer.page.getByRole('textbox', { name: 'Entry by Ana', exact: true });
  await expect(anaEntry(ben)).toHaveAttribute('contenteditable', 'false');
  await expect(ben.page.getByText('You can read it, react to it and add a comment')).toBeVisible();

  // Ben writes a comment: the button, the box, Ctrl+Enter.
  const benComments = ben.page.getByRole('group', { name: 'Comments on Ana’s entry' });
  await benComments.getByRole('button', { name: 'Add a comment' }).click();
  const box = benComments.getByRole('textbox', { name: 'Your comment on Ana’s entry' });
  await expect(box).toBeFocused();
  // An empty comment is not posted; the box says why.
  await ben.page.keyboard.press('Control+Enter');
  await expect(benComments.getByRole('alert')).toHaveText('Write a few words first.');
  await ben.page.keyboard.type('Thank you for coming anyway. I heard you.');
  await ben.page.keyboard.press('Control+Enter');
  await expect(box).toHaveCount(0);
  await expect(benComments.getByRole('button', { name: 'Add a comment' })).toBeFocused();

  // Ana sees it under her entry, in Ben's name; her own words are untouched.
  const anaComments = ana.page.getByRole('group', { name: 'Comments on Ana’s entry' });
  await expect(anaComments.getByRole('listitem')).toHaveCount(1, { timeout: 15_000 });
  await expect(anaComments.getByRole('listitem')).toContainText('Ben');
  await expect(anaComments.getByRole('listitem')).toContainText(
    'Thank you for coming anyway. I heard you.',
  );
  await expect(anaEntry(ana)).toHaveText('It was a hard week, and I came anyway.');
  // Only its writer may take it back.
  await expect(anaComments.getByRole('button', { name: /^Remove your comment/ })).toHaveCount(0);

  await benComments.getByRole('button', { name: /^Remove your comment/ }).click();
  for (const peer of [ana, ben]) {
    await expect(
      peer.page.getByRole('group', { name: 'Comments on Ana’s entry' }).getByRole('listitem'),
    ).toHaveCount(0, { timeout: 15_000 });
  }
});
