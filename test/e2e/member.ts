/**
 * What a member does, in the words of the screen: the steps the end-to-end tests share.
 * Every step finds controls by their role and visible name, as a person would.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Makes a circle from the welcome screen (or the "Start another circle" dialog), then
 * affirms its agreements as the founder does, unless `affirm` is false.
 */
export async function createCircle(
  page: Page,
  circle: { name: string; memberName: string; colour?: string; affirm?: boolean },
): Promise<void> {
  await page.getByLabel('Circle name').fill(circle.name);
  await page.getByLabel('Your name in this circle').fill(circle.memberName);
  if (circle.colour !== undefined) await page.getByLabel(circle.colour).check();
  await page.getByRole('button', { name: 'Create circle' }).click();
  await expect(page.getByRole('button', { name: new RegExp(circle.name) })).toBeVisible();
  if (circle.affirm !== false) await affirmAgreements(page);
}

/**
 * Reads the circle's agreements on the page that stands before the notebook and agrees
 * to hold them. A laptop that just joined sees the page only once the notebook has
 * arrived from another laptop, so `timeout` may need to cover the sync.
 */
export async function affirmAgreements(
  page: Page,
  options: { timeout?: number } = {},
): Promise<void> {
  const agree = page.getByRole('button', { name: 'I agree to hold these agreements' });
  await expect(page.getByRole('heading', { level: 1, name: 'Our agreements' })).toBeVisible({
    timeout: options.timeout ?? 15_000,
  });
  await agree.click();
  await expect(agree).toBeHidden();
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

/** Starts a private draft in the open meeting and returns its editor, focused. */
export async function startDraft(page: Page): Promise<Locator> {
  const before = await page.getByRole('textbox', { name: 'Your private draft' }).count();
  await page.getByRole('button', { name: 'Write an entry' }).click();
  const editor = page.getByRole('textbox', { name: 'Your private draft' }).nth(before);
  await expect(editor).toBeFocused();
  return editor;
}

/** Shares the (only) private draft of the open meeting, by name or anonymously. */
export async function shareDraft(page: Page, how: 'named' | 'anonymous' = 'named'): Promise<void> {
  const draft = page.getByRole('region', { name: 'Your private draft' });
  await draft
    .getByRole('button', { name: how === 'named' ? 'Share with the circle' : 'Share anonymously' })
    .click();
  await expect(draft).toHaveCount(0);
}

/**
 * Starts an entry the way most tests need one: a draft shared at once, so the circle
 * sees it; returns the shared entry's editor, focused, with the caret at its end.
 */
export async function startEntry(page: Page): Promise<Locator> {
  const before = await page.getByRole('textbox', { name: /^Entry by/ }).count();
  await startDraft(page);
  await shareDraft(page);
  const editor = page.getByRole('textbox', { name: /^Entry by/ }).nth(before);
  await expect(editor).toBeFocused();
  return editor;
}

/**
 * In the entry whose byline starts with `author` (this member's own), invites `who` —
 * member names, or 'The whole circle' — to write with them, or (`on` false) takes it back.
 */
export async function inviteToWrite(
  page: Page,
  author: string,
  who: readonly string[] = ['The whole circle'],
  on = true,
): Promise<void> {
  const entry = page.getByRole('region', { name: new RegExp(`^${author}`) }).first();
  const panel = entry.getByRole('group', { name: 'Invite people to write in this entry' });
  if (!(await panel.isVisible())) {
    await entry.getByRole('button', { name: 'Who writes with you' }).click();
  }
  for (const name of who) {
    const box = panel.getByRole('checkbox', { name, exact: true });
    if (on) await box.check();
    else await box.uncheck();
  }
}

/** Waits until the status line says everything is on this laptop's disk. */
export async function waitUntilSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText('Saved on this laptop');
}

/** The formatted content of an entry editor, as the HTML elements a reader sees. */
export async function entryStructure(editor: Locator): Promise<string[]> {
  return editor.evaluate((root) =>
    [...root.querySelectorAll('h1, h2, h3, p, li, strong, em, u, blockquote, a')].map(
      (element) => `${element.tagName.toLowerCase()}:${element.textContent}`,
    ),
  );
}

/** Opens "Invite" and reads the invite link and the safety code off the screen. */
export async function readInvite(page: Page): Promise<{ link: string; safetyCode: string }> {
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Invite someone to/ });
  const linkBox = dialog.getByLabel('Invite link');
  await expect(linkBox).toHaveValue(/^hearth:\/\/join\//);
  const link = await linkBox.inputValue();
  const safetyCode = (await dialog.getByTestId('safety-code').textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Done' }).click();
  return { link, safetyCode };
}

/**
 * Joins a circle by pasting an invite into "Join a circle" (from the welcome screen);
 * then, once the notebook has arrived, affirms the agreements unless `affirm` is false.
 */
export async function joinByPasting(
  page: Page,
  invite: string,
  memberName: string,
  options: { affirm?: boolean } = {},
): Promise<string> {
  await page.getByRole('button', { name: 'Join a circle…' }).click();
  return finishJoining(page, invite, memberName, options);
}

/**
 * Completes the join dialog (already open, perhaps filled from a link), affirms the
 * agreements once the notebook has arrived unless `affirm` is false, and returns the
 * safety code shown.
 */
export async function finishJoining(
  page: Page,
  invite: string | null,
  memberName: string,
  options: { affirm?: boolean } = {},
): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Join a circle' });
  if (invite !== null) await dialog.getByLabel('Invite').fill(invite);
  await expect(dialog.getByTestId('safety-code')).not.toBeEmpty();
  const safetyCode = (await dialog.getByTestId('safety-code').textContent()) ?? '';
  await dialog.getByLabel('Your name in this circle').fill(memberName);
  await dialog.getByRole('button', { name: 'Join the circle' }).click();
  await expect(dialog).toBeHidden();
  // The agreements arrive with the notebook, over WebRTC from a laptop already in it.
  if (options.affirm !== false) await affirmAgreements(page, { timeout: 90_000 });
  return safetyCode;
}

/** The sync part of the status line. */
export function syncStatus(page: Page): Locator {
  return page.getByTestId('sync-status');
}

/** Takes the laptop out of the room, or back in, from the connection details. */
export async function setOffline(page: Page, offline: boolean): Promise<void> {
  await syncStatus(page).click();
  await page
    .getByRole('button', { name: offline ? 'Take this laptop offline' : 'Go back online' })
    .click();
  await syncStatus(page).click();
}
