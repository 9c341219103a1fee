/**
 * Search, as a member uses it: Ctrl+F, a word, the results highlighted and grouped,
 * the arrow keys and Enter to open one; the meeting opens and the found entry is
 * brought into view with the focus on it. Escape goes back to where the member was.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addMeeting, createCircle, waitUntilSaved } from '../helpers/member';

/** Writes an entry in the open meeting and shares it with the circle under the member's name. */
async function writeAndShare(page: Page, text: string): Promise<void> {
  const before = await page.getByRole('textbox', { name: /^Entry by/ }).count();
  await page.getByRole('button', { name: 'Write an entry' }).click();
  const share = page.getByRole('button', { name: 'Share with the circle' });
  if ((await share.count()) > 0) {
    // Consent first: an entry begins as a private draft until it is shared.
    await page.keyboard.type(text);
    await share.click();
  } else {
    await expect(page.getByRole('textbox', { name: /^Entry by/ }).nth(before)).toBeFocused();
    await page.keyboard.type(text);
  }
  await expect(page.getByRole('textbox', { name: /^Entry by/ }).nth(before)).toContainText(text);
}

function searchField(page: Page): Locator {
  return page.getByRole('combobox', { name: 'Search this circle' });
}

test('a member finds an entry by a word and a meeting by its title, and opens them from the keyboard', async ({
  peer,
}) => {
  const { page } = peer;
  await createCircle(page, { name: 'Harbour circle', memberName: 'Robin' });
  await addMeeting(page, { title: 'Small mercies', date: '2026-01-13' });
  await writeAndShare(page, 'The lighthouse keeper waved at me on the pier.');
  await addMeeting(page, { title: 'Arriving', date: '2026-02-10' });
  await writeAndShare(page, 'Tired, but glad to be here.');
  await waitUntilSaved(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Arriving' })).toBeVisible();

  // Ctrl+F from the page (not from an editor) goes to Hearth's search.
  await page.getByRole('heading', { level: 1, name: 'Arriving' }).click();
  await page.keyboard.press('Control+F');
  const field = searchField(page);
  await expect(field).toBeFocused();

  await page.keyboard.type('LIGHTHOUSE');
  const results = page.getByRole('listbox', { name: 'Search results' });
  const entries = results.getByRole('group', { name: 'Entries' });
  await expect(entries.getByRole('option')).toHaveCount(1);
  await expect(entries.getByRole('option').first()).toContainText('Robin');
  await expect(entries.locator('mark')).toHaveText(['lighthouse']);
  await expect(page.getByRole('status').filter({ hasText: '1 result' })).toHaveCount(1);

  await page.keyboard.press('ArrowDown');
  await expect(entries.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(field).toHaveAttribute(
    'aria-activedescendant',
    (await entries.getByRole('option').first().getAttribute('id')) ?? '',
  );
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Small mercies' })).toBeVisible();
  const found = page.locator('.entry-card', { hasText: 'lighthouse keeper' });
  await expect(found).toBeFocused();
  await expect(found).toBeInViewport();

  // A meeting by its title, accents and case aside; Enter opens the first result.
  await page.keyboard.press('Control+F');
  await expect(field).toBeFocused();
  await page.keyboard.type('arrîving');
  const meetings = results.getByRole('group', { name: 'Meetings' });
  await expect(meetings.getByRole('option')).toHaveCount(1);
  await expect(meetings.locator('mark')).toHaveText(['Arriving']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Arriving' })).toBeVisible();
  await expect(page.locator('#notebook')).toBeFocused();

  // Escape closes the results and gives the focus back to where the member was.
  const editor = page.getByRole('textbox', { name: 'Entry by Robin' });
  await editor.click();
  await page.keyboard.press('Control+F');
  // Inside an entry the browser keeps its own find: Hearth's field is not taken.
  await expect(field).not.toBeFocused();
  await field.click();
  await field.fill('glad');
  await expect(results.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(results).toHaveCount(0);
  await expect(editor).toBeFocused();
  expect(peer.consoleProblems).toEqual([]);
});

test('nothing found is said plainly, and the words of the other meetings are found too', async ({
  peer,
}) => {
  const { page } = peer;
  await createCircle(page, { name: 'Quiet circle', memberName: 'Sam' });
  await addMeeting(page, { title: 'Winter', date: '2026-01-06' });
  await writeAndShare(page, 'Snow on the allotment; the robins came back.');
  await addMeeting(page, { title: 'Spring', date: '2026-03-03' });
  await waitUntilSaved(page);

  const field = searchField(page);
  await field.click();
  await page.keyboard.type('periwinkle');
  await expect(page.getByText('Nothing found for “periwinkle”.')).toBeVisible();
  await field.fill('robins allotment');
  const option = page.getByRole('option');
  await expect(option).toHaveCount(1);
  await expect(option.locator('mark')).toHaveText(['allotment', 'robins']);
  await expect(option).toContainText('Winter');

  // The open combobox and its results pass axe with nothing serious.
  await page.keyboard.press('ArrowDown');
  const results = await new AxeBuilder({ page })
    .include('[role="search"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(
    results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);
});
