/**
 * When a part of the window fails to draw, that part shows "Something went wrong in this
 * part of Hearth — your words are saved", the rest keeps working, and the notebook is
 * intact after "Try again" and after "Reload Hearth".
 *
 * The failure is real: the page's full-style date formatting (used by the meeting's
 * heading only) is made to throw, so React's drawing of the meeting view throws.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addMeeting, createCircle, startEntry, waitUntilSaved } from '../helpers/member';

const TITLE = 'Something went wrong in this part of Hearth — your words are saved';

// Makes every full-style date format throw, as a bug in the meeting view would.
async function breakMeetingHeadings(page: Page): Promise<void> {
  await page.evaluate(() => {
    const proto = Intl.DateTimeFormat.prototype;
    // `format` is an accessor that returns a bound function.
    const original = Object.getOwnPropertyDescriptor(proto, 'format')!;
    (window as unknown as { restoreFormat: () => void }).restoreFormat = () => {
      Object.defineProperty(proto, 'format', original);
    };
    Object.defineProperty(proto, 'format', {
      configurable: true,
      get(this: Intl.DateTimeFormat) {
        if (this.resolvedOptions().dateStyle === 'full') {
          return () => {
            throw new TypeError('a broken meeting heading');
          };
        }
        return (original.get as (this: Intl.DateTimeFormat) => unknown).call(this);
      },
    });
  });
}

test('a part that throws shows the error screen, the rest works, and the notebook is intact', async ({
  peer,
}) => {
  const { page } = peer;
  await createCircle(page, { name: 'Harbour Circle', memberName: 'Noor' });
  await addMeeting(page, { title: 'First evening' });
  const editor = await startEntry(page);
  await editor.pressSequentially('The tide came in slowly tonight.');
  await waitUntilSaved(page);
  await addMeeting(page, { title: 'Second evening' });

  await breakMeetingHeadings(page);
  const meetings = page.getByRole('navigation', { name: 'Meetings' });
  await meetings.getByRole('button', { name: /First evening/ }).click();

  const screen = page.getByRole('alert').filter({ hasText: TITLE });
  await expect(screen).toBeVisible();
  await expect(screen.getByRole('heading', { name: TITLE })).toBeVisible();
  // Only the notebook part failed: the meetings, the top bar and the status line remain.
  await expect(meetings.getByRole('button', { name: /Second evening/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite', exact: true })).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText('Saved on this laptop');

  // Fixed, "Try again" draws the meeting again, with its words.
  await page.evaluate(() => {
    (window as unknown as { restoreFormat: () => void }).restoreFormat();
  });
  await screen.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'First evening' })).toBeVisible();
  await expect(page.getByText('The tide came in slowly tonight.')).toBeVisible();

  // Broken again, "Reload Hearth" saves, reloads, and everything is there.
  await breakMeetingHeadings(page);
  await meetings.getByRole('button', { name: /Second evening/ }).click();
  await meetings.getByRole('button', { name: /First evening/ }).click();
  await expect(screen).toBeVisible();
  await screen.getByRole('button', { name: 'Reload Hearth' }).click();
  await expect(page.getByRole('button', { name: /Harbour Circle/ })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Meetings' })
    .getByRole('button', { name: /First evening/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'First evening' })).toBeVisible();
  await expect(page.getByText('The tide came in slowly tonight.')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: TITLE })).toHaveCount(0);
});
