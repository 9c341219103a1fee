/**
 * What a member does, in the words of the screen: the steps the end-to-end tests share.
 * Every step finds controls by their role and visible name, as a person would.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Makes a circle from the welcome screen (or the "Start another circle" dialog). */
export async function createCircle(
  page: Page,
  circle: { name: string; memberName: string; colour?: string },
): Promise<void> {
  await page.getByLabel('Circle name').fill(circle.name);
  await page.getByLabel('Your name in this circle').fill(circle.memberName);
  if (circle.colour !== undefined) await page.getByLabel(circle.colour).check();
  await page.getByRole('button', { name: 'Create circle' }).click();
  await expect(page.getByRole('button', { name: new RegExp(circle.name) })).toBeVisible();
}

/** Adds a meeting, optionally starting from one of the library's themes. */
export async function addMeeting(
  page: Page,
  meeting: { title: string; date?: string; theme?: string },
): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Meetings' })
    .getByRole('button', { name: 'New meeting' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'New meeting' });
  if (meeting.theme !== undefined) await dialog.getByText(meeting.theme, { exact: true }).click();
  await dialog.getByLabel('Title').fill(meeting.title);
  if (meeting.date !== undefined) await dialog.getByLabel('Date').fill(meeting.date);
  await dialog.getByRole('button', { name: 'Add meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: meeting.title })).toBeVisible();
}

/** Starts a new entry in the open meeting and returns its editor, focused. */
export async function startEntry(page: Page): Promise<Locator> {
  const before = await page.getByRole('textbox', { name: /^Entry by/ }).count();
  await page.getByRole('button', { name: 'Write an entry' }).click();
  const editor = page.getByRole('textbox', { name: /^Entry by/ }).nth(before);
  await expect(editor).toBeFocused();
  return editor;
}

/** Waits until the status line says everything is on this laptop's disk. */
export async function waitUntilSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText('Saved on this laptop');
}

/** The formatted content of an entry editor, as the HTML elements a reader sees. */
export async function entryStructure(editor: Locator): Promise<string[]> {
  return editor.evaluate((root) =>
    [...root.querySelectorAll('h1, h2, h3, p, li, strong, em, u, blockquote, a')].map(
      (element) => `${element.tagName.toLowerCase()}:${element.textContent ?? ''}`,
    ),
  );
}
