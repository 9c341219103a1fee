/**
 * A member's first evening with Hearth, on one laptop: make a circle, add a meeting,
 * write an entry with a heading, bold text and a list, and find it again, formatted,
 * after a reload, after the host restarts, and after the host is killed mid-session.
 */
import { expect, test } from './fixtures';
import {
  addMeeting,
  affirmAgreements,
  createCircle,
  entryStructure,
  startEntry,
  waitUntilSaved,
} from '../helpers/member';

const EXPECTED = [
  'h1:What held me this week',
  'p:I was more tired than I expected, but:',
  'strong:more tired',
  'li:a friend called',
  'li:I slept well on Sunday',
];

test('a member writes a formatted entry and finds it again after a reload and a restart', async ({
  peer,
}) => {
  const { page, host } = peer;
  await createCircle(page, { name: 'Tuesday evening circle', memberName: 'Robin' });
  await addMeeting(page, { title: 'Small mercies', theme: 'Small things that held us' });

  const editor = await startEntry(page);
  await page.keyboard.type('# What held me this week');
  await page.keyboard.press('Enter');
  await page.keyboard.type('I was ');
  await page.keyboard.press('Control+B');
  await page.keyboard.type('more tired');
  await page.keyboard.press('Control+B');
  await page.keyboard.type(' than I expected, but:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- a friend called');
  await page.keyboard.press('Enter');
  await page.keyboard.type('I slept well on Sunday');
  expect(await entryStructure(editor)).toEqual(EXPECTED);
  await waitUntilSaved(page);

  await page.reload();
  const reloaded = page.getByRole('textbox', { name: 'Entry by Robin' });
  await expect(reloaded).toContainText('I slept well on Sunday');
  expect(await entryStructure(reloaded)).toEqual(EXPECTED);
  await expect(page.getByRole('heading', { level: 1, name: 'Small mercies' })).toBeVisible();
  await expect(page.getByText('Who or what held you up lately, even a little?')).toBeVisible();

  await host.restart();
  await page.reload();
  const restarted = page.getByRole('textbox', { name: 'Entry by Robin' });
  await expect(restarted).toContainText('I slept well on Sunday');
  expect(await entryStructure(restarted)).toEqual(EXPECTED);
  // While the host was down the page's reconnection attempts were refused; nothing else.
  const problems = peer.consoleProblems.filter((line) => !line.includes('ERR_CONNECTION_REFUSED'));
  expect(problems).toEqual([]);
});

test('what the status line shows as saved survives the host being killed', async ({ peer }) => {
  const { page, host } = peer;
  await createCircle(page, { name: 'Thursday circle', memberName: 'Sam' });
  await addMeeting(page, { title: 'Arriving' });
  await startEntry(page);
  await page.keyboard.type('Every word of this was saved before the crash.');
  await waitUntilSaved(page);

  await host.restart({ kill: true });
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Entry by Sam' })).toHaveText(
    'Every word of this was saved before the crash.',
  );
});

test('a member keeps several circles and switches between them', async ({ peer }) => {
  const { page } = peer;
  await createCircle(page, { name: 'Monday circle', memberName: 'Alex' });
  await addMeeting(page, { title: 'First Monday' });

  await page.getByRole('button', { name: /Monday circle/ }).click();
  await page.getByRole('button', { name: 'Start another circle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start another circle' });
  await dialog.getByLabel('Circle name').fill('Friday circle');
  await dialog.getByLabel('Your name in this circle').fill('Alex F.');
  await dialog.getByRole('button', { name: 'Create circle' }).click();
  await affirmAgreements(page);
  await expect(page.getByText('Friday circle has no meetings yet')).toBeVisible();

  await page.getByRole('button', { name: /Friday circle/ }).click();
  await page.getByRole('button', { name: 'Monday circle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'First Monday' })).toBeVisible();
});

test('meetings are listed newest first', async ({ peer }) => {
  const { page } = peer;
  await createCircle(page, { name: 'Wednesday circle', memberName: 'Jo' });
  await addMeeting(page, { title: 'In March', date: '2026-03-04' });
  await addMeeting(page, { title: 'In May', date: '2026-05-06' });
  await addMeeting(page, { title: 'In April', date: '2026-04-01' });
  const titles = page.getByRole('navigation', { name: 'Meetings' }).locator('.meeting-list__title');
  await expect(titles).toHaveText(['In May', 'In April', 'In March']);
});
