/**
 * The round's buttons hold up where a meeting has been going for a while: entries with
 * reactions under them, the speaker's own editor focused, and the window (and the
 * meeting's pane) scrolled as far as they go. Pressing "Pass" moves focus out of the
 * editor; that once scrolled the window by ~46 px between the press and the release, so
 * the release landed elsewhere and no click happened: the round stayed on the speaker.
 *
 * Ana facilitates; Ben speaks first and passes, then Ana (whose turn it is) says she is
 * done with "I'm done", and the round reaches its end.
 */
import type { Page } from '@playwright/test';
import { expect, test, type Peer } from './fixtures';
import {
  addMeeting,
  createCircle,
  joinByPasting,
  readInvite,
  startEntry,
  syncStatus,
} from '../helpers/member';

const round = (peer: Peer) => peer.page.getByRole('region', { name: 'Check-in round' });
const speakerLine = (peer: Peer) => round(peer).getByTestId('round-speaker');

// Scrolls the window and every scrolling pane as far down as they go.
async function scrollToTheEnd(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const element of [document.scrollingElement, ...document.querySelectorAll('*')]) {
      if (element !== null && element.scrollHeight > element.clientHeight) {
        element.scrollTop = element.scrollHeight;
      }
    }
  });
}

/**
 * Moves the whole page up by 46 px once, the moment `when` happens — as the window
 * scrolled in the room when focus left the editor. (Moved by a transform rather than a
 * scroll, so it happens however the app's panes scroll.) Playwright presses and
 * releases at the same point, so a button that loses the release loses the click.
 */
async function movePageOnce(
  page: Page,
  when: 'focus leaves the editor' | 'a press',
): Promise<void> {
  await page.evaluate((trigger) => {
    const move = (): void => {
      document.body.style.transform = 'translateY(-46px)';
      setTimeout(() => (document.body.style.transform = ''), 1500);
    };
    if (trigger === 'a press') {
      window.addEventListener('pointerdown', move, { once: true, capture: true });
      return;
    }
    const onFocusOut = (event: FocusEvent): void => {
      if (!(event.target instanceof Element) || !event.target.matches('.entry-text')) return;
      window.removeEventListener('focusout', onFocusOut, true);
      move();
    };
    window.addEventListener('focusout', onFocusOut, true);
  }, when);
}

// Writes a few paragraphs into a new entry.
async function writeLines(peer: Peer, words: string): Promise<void> {
  await startEntry(peer.page);
  // The new entry's editor has the focus (startEntry checks).
  for (let line = 0; line < 3; line++) {
    await peer.page.keyboard.type(`${words} ${line + 1}.`);
    await peer.page.keyboard.press('Enter');
  }
}

test('a member passes with the editor focused and the window scrolled to its end, and the round moves on', async ({
  hearth,
}) => {
  // Two laptops typing on a shared two-core machine: more than the default two minutes.
  test.setTimeout(240_000);
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  await createCircle(ana.page, { name: 'Evening circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'Thursday gathering' });
  const invite = await readInvite(ana.page);
  await joinByPasting(ben.page, invite.link, 'Ben');
  for (const peer of [ana, ben]) {
    await expect(syncStatus(peer.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
  }

  await writeLines(ana, 'Ana checks in about the week');
  await expect(ben.page.getByText('Ana checks in', { exact: false }).first()).toBeVisible();
  await writeLines(ben, 'Ben checks in about the week');
  await expect(ana.page.getByRole('textbox', { name: /^Entry by/ })).toHaveCount(2);
  await expect(ben.page.getByRole('textbox', { name: /^Entry by/ })).toHaveCount(2);
  // Reactions on every entry, from both laptops: their counts are on every screen.
  for (const peer of [ana, ben]) {
    const thanks = peer.page.getByRole('button', { name: /^Thank you for sharing/ });
    await expect(thanks).toHaveCount(2);
    for (const button of await thanks.all()) await button.click();
  }
  await expect(
    ana.page.getByRole('button', { name: /^Thank you for sharing/ }).first(),
  ).toHaveAttribute('aria-pressed', 'true');

  // Ana starts a round with Ben first.
  await ana.page.getByRole('button', { name: 'Start a round' }).click();
  const dialog = ana.page.getByRole('dialog', { name: 'Start a round' });
  await dialog.getByRole('button', { name: 'Move Ben earlier' }).click();
  await dialog.getByRole('button', { name: 'Start the round' }).click();
  await expect(speakerLine(ben)).toHaveText('Your turn to speak');

  // Ben is writing: his editor has the focus, and everything is scrolled to its end.
  const benEditor = ben.page.getByRole('textbox', { name: /^Entry by Ben/ });
  await benEditor.click();
  await ben.page.keyboard.press('End');
  await expect(benEditor).toBeFocused();
  await scrollToTheEnd(ben.page);
  await movePageOnce(ben.page, 'focus leaves the editor');
  await round(ben).getByRole('button', { name: 'Pass' }).click();
  await expect(speakerLine(ana)).toHaveText('Your turn to speak');
  await expect(speakerLine(ben)).toHaveText('Ana is speaking');

  // Ana speaks, then says she is done, from her focused editor with everything scrolled.
  const anaEditor = ana.page.getByRole('textbox', { name: /^Entry by Ana/ });
  await anaEditor.click();
  await expect(anaEditor).toBeFocused();
  await scrollToTheEnd(ana.page);
  await movePageOnce(ana.page, 'a press');
  await round(ana).getByRole('button', { name: 'I’m done' }).click();
  for (const peer of [ana, ben]) {
    await expect(speakerLine(peer)).toHaveText('Everyone has had a turn');
  }
  await expect(round(ana).getByRole('listitem').filter({ hasText: 'Ben' })).toContainText('passed');
  await expect(round(ana).getByRole('listitem').filter({ hasText: 'Ana' })).toContainText('spoke');
  for (const peer of [ana, ben]) expect(peer.consoleProblems).toEqual([]);
});
