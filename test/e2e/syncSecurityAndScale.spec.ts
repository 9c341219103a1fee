/**
 * What sync must withstand: a laptop in the room with the room name but the wrong key,
 * and a notebook far bigger than one WebRTC message can carry.
 */
import { deriveCircleSecrets } from '../../shared/sync/circleSecrets';
import { parseInvite } from '../../shared/sync/invite';
import { expect, test } from './fixtures';
import { intrude } from './intruder';
import {
  addMeeting,
  createCircle,
  joinByPasting,
  readInvite,
  startEntry,
  syncStatus,
  waitUntilSaved,
} from '../helpers/member';
import { makeNotebook, storedEntryTexts, type MadeNotebook } from '../helpers/storedNotebook';

test('a laptop that knows the room name but holds a wrong key never connects and reads nothing', async ({
  hearth,
}) => {
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  await createCircle(ana.page, { name: 'Harbour circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'Hope' });
  await startEntry(ana.page);
  const secret = 'A sentence that only the circle may ever read.';
  await ana.page.keyboard.type(secret);
  const invite = await readInvite(ana.page);
  await joinByPasting(ben.page, invite.link, 'Ben');
  await expect(syncStatus(ben.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });

  // The stranger learns the room name (here: from the real key) but has another key.
  const parsed = parseInvite(invite.link);
  if (!parsed.ok) throw new Error(parsed.reason);
  const { roomName } = await deriveCircleSecrets(parsed.value.circleKey);
  const report = await intrude({
    endpoint: ana.host.signallingUrls[0]!,
    roomName,
    wrongSecret: 'not-the-circle-secret-at-all-0000000000000',
    durationMs: 8_000,
  });

  // It heard the room (the laptops announce themselves) but could open none of it.
  expect(report.received).toBeGreaterThan(0);
  expect(report.opened).toBe(0);
  expect(report.transcript).not.toContain('only the circle');
  expect(report.transcript).not.toContain('Harbour');
  // Nobody linked to it: each laptop still counts exactly one other person.
  await expect(syncStatus(ana.page)).toHaveText('Connected to 1 person');
  await expect(syncStatus(ben.page)).toHaveText('Connected to 1 person');
  await syncStatus(ana.page).click();
  await expect(ana.page.getByTestId('peer-links').getByRole('listitem')).toHaveCount(1);
});

test('a laptop joining a notebook of more than 2 MB receives all of it over WebRTC', async ({
  hearth,
}) => {
  test.setTimeout(300_000);
  let made: MadeNotebook | null = null;
  let anaTexts: string[] = [];
  const anaHost = await hearth.startHost('ana', async (dataDir) => {
    made = await makeNotebook(dataDir, {
      meetings: 22,
      entriesPerMeeting: 10,
      entryChars: 10_000,
      memberName: 'Ana',
    });
    anaTexts = await storedEntryTexts(dataDir, made.circleId);
  });
  const notebook = made as MadeNotebook | null;
  if (notebook === null) throw new Error('the notebook was not made');
  expect(notebook.characters).toBeGreaterThan(2_000_000);

  const ana = await hearth.openPage(anaHost);
  await expect(ana.page.getByRole('heading', { level: 1, name: 'Thursday 22' })).toBeVisible();
  const invite = await readInvite(ana.page);

  const ben = await hearth.openPeer('ben');
  await joinByPasting(ben.page, invite.link, 'Ben');
  await expect(syncStatus(ben.page)).toHaveText('Connected to 1 person', { timeout: 120_000 });
  const meetings = ben.page
    .getByRole('navigation', { name: 'Meetings' })
    .locator('.meeting-list__title');
  await expect(meetings).toHaveCount(22, { timeout: 60_000 });
  await ben.page.getByRole('button', { name: /Thursday 1\b/ }).click();
  await expect(ben.page.getByText(notebook.firstPhrase)).toBeVisible({ timeout: 60_000 });
  await ben.page.getByRole('button', { name: /Thursday 22\b/ }).click();
  await expect(ben.page.getByText(notebook.lastPhrase)).toBeVisible({ timeout: 60_000 });
  await waitUntilSaved(ben.page);

  // Everything Ana holds is now on Ben's disk, entry for entry.
  await ben.host.stop();
  const benTexts = await storedEntryTexts(ben.host.dataDir, notebook.circleId);
  expect(benTexts.length).toBe(anaTexts.length);
  expect(benTexts.toSorted()).toEqual(anaTexts.toSorted());
  const bytes = benTexts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  console.log(`Ben received ${benTexts.length} entries, ${bytes} bytes of text, over WebRTC`);
});
