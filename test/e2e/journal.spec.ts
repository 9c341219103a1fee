/**
 * The private journal: a member writes in it with the same editor, finds it again by
 * search, and it is still there after a reload — on this laptop only.
 */
import { expect, test } from './fixtures';
import { createCircle, waitUntilSaved } from '../helpers/member';

test('a member keeps a private journal entry, finds it by search, and finds it again after a reload', async ({
  peer,
}) => {
  const { page } = peer;
  await createCircle(page, { name: 'Quiet circle', memberName: 'Noor' });
  await page.getByRole('button', { name: /Your private journal/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your private journal' })).toBeVisible();
  await page.getByRole('button', { name: 'New journal entry' }).click();
  const editor = page.getByRole('textbox', { name: 'Your private draft' });
  await expect(editor).toBeFocused();
  await page.keyboard.type('Morning pages: the kettle, the rain, the quiet before work.');
  await waitUntilSaved(page);

  await page.reload();
  await page.getByRole('button', { name: /Your private journal/ }).click();
  await expect(page.getByRole('textbox', { name: 'Your private draft' })).toHaveText(
    'Morning pages: the kettle, the rain, the quiet before work.',
  );

  await page.keyboard.press('Control+F');
  await page.keyboard.type('kettle');
  const results = page.getByRole('listbox');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results).toContainText('kettle');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Your private draft' })).toBeFocused();
});
