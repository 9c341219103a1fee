/**
 * An axe check of the main screens, in the light and the dark theme: the welcome
 * screen, a meeting with an entry, the new-meeting dialog, the settings dialog, the
 * circle switcher and the link dialog. No serious or critical violation is allowed.
 */
import { expect, test } from './fixtures';
import { seriousViolations } from './axe';
import { addMeeting, affirmAgreements, createCircle, startEntry } from '../helpers/member';

for (const scheme of ['light', 'dark'] as const) {
  test(`the main screens have no serious accessibility problems in the ${scheme} theme`, async ({
    peer,
  }) => {
    const { page } = peer;
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), 'welcome screen').toEqual([]);

    await createCircle(page, { name: 'Evening circle', memberName: 'Robin', affirm: false });
    expect(await seriousViolations(page), 'agreements page').toEqual([]);
    await affirmAgreements(page);
    expect(await seriousViolations(page), 'empty notebook').toEqual([]);

    await page
      .getByRole('navigation', { name: 'Meetings' })
      .getByRole('button', { name: 'New meeting' })
      .click();
    await page.getByText('Looking ahead', { exact: true }).click();
    expect(await seriousViolations(page), 'new meeting dialog').toEqual([]);
    await page.keyboard.press('Escape');

    await addMeeting(page, { title: 'Hope', theme: 'Looking ahead' });
    await startEntry(page);
    await page.keyboard.type('Something small I am looking forward to.');
    expect(await seriousViolations(page), 'meeting with an entry').toEqual([]);

    await page.keyboard.press('Control+K');
    await expect(page.getByRole('dialog', { name: 'Add a link' })).toBeVisible();
    expect(await seriousViolations(page), 'link dialog').toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /Evening circle/ }).click();
    expect(await seriousViolations(page), 'circle switcher').toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await seriousViolations(page), 'settings dialog').toEqual([]);
  });
}

test('the whole notebook can be used from the keyboard alone', async ({ peer }) => {
  const { page } = peer;
  await page.getByLabel('Circle name').focus();
  await page.keyboard.type('Keyboard circle');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Kai');
  await page.keyboard.press('Enter');

  // The agreements page takes the focus; the next stop is "I agree".
  await expect(page.getByRole('heading', { level: 1, name: 'Our agreements' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('button', { name: 'I agree to hold these agreements' }),
  ).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Keyboard circle has no meetings yet')).toBeVisible();

  // New meeting by shortcut, then through the dialog with Tab and Enter.
  await page.keyboard.press('Control+Shift+M');
  const dialog = page.getByRole('dialog', { name: 'New meeting' });
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Checking in');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Checking in' })).toBeVisible();

  // New entry by shortcut (a private draft); formatting from the keyboard; the toolbar by
  // arrow keys; then sharing it, still from the keyboard.
  await page.keyboard.press('Control+Shift+E');
  const editor = page.getByRole('textbox', { name: 'Your private draft' });
  await expect(editor).toBeFocused();
  await page.keyboard.type('Typed without a mouse. ');
  await page.keyboard.press('Control+I');
  await page.keyboard.type('Gently.');
  await expect(editor.locator('em')).toHaveText('Gently.');
  await page.keyboard.press('Shift+Tab');
  const toolbar = page.getByRole('toolbar', { name: 'Formatting for your private draft' });
  await expect(toolbar.getByRole('button', { name: 'Heading', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'Subheading' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(toolbar.getByRole('button', { name: 'Redo' })).toBeFocused();
  const share = page.getByRole('button', { name: 'Share with the circle' });
  for (
    let step = 0;
    step < 8 && !(await share.evaluate((b) => b === document.activeElement));
    step++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(share).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Entry by Kai' })).toContainText('Gently.');

  // Settings by shortcut; the theme changes from the keyboard; Escape closes.
  await page.keyboard.press('Control+,');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeHidden();
});
