/**
 * Hearth's log holds events and errors, never a member's words, a name or a key. A whole
 * run of the app in browser mode with unique phrases everywhere a member types — the
 * circle's name, their name, a meeting, an entry, a content note, a search, a backup
 * passphrase, an error whose message quotes a phrase — then the log files are read:
 * none of the phrases, nor the circle key from the invite, is in them, and the events
 * (start, a circle made, the failure that showed the error screen) are.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import {
  addMeeting,
  createCircle,
  readInvite,
  startEntry,
  waitUntilSaved,
} from '../helpers/member';

// Unique enough never to appear by chance.
const PHRASES = {
  circle: 'Zephyrine Lanterns',
  member: 'Quillon Ardent',
  meeting: 'Marigold Tidewater',
  entry: 'my brother Osvaldo relapsed near Kettleby',
  contentNote: 'mentions Vantablue grief',
  search: 'Osvaldo',
  passphrase: 'cobalt heron windmill saffron',
  errorMessage: 'Thistlewick failure',
};

test('a whole run leaves no words, names or keys in the log', async ({ peer }, testInfo) => {
  const { page } = peer;
  await createCircle(page, { name: PHRASES.circle, memberName: PHRASES.member });
  await addMeeting(page, { title: PHRASES.meeting });
  const editor = await startEntry(page);
  await editor.pressSequentially(PHRASES.entry);
  await waitUntilSaved(page);

  const entry = page.getByRole('article').filter({ hasText: PHRASES.entry });
  await entry.getByRole('button', { name: 'Your choices' }).click();
  await entry.getByLabel('Content note').fill(PHRASES.contentNote);
  await entry.getByRole('button', { name: 'Save the note' }).click();
  await expect(entry.getByText(`Content note: ${PHRASES.contentNote}`)).toBeVisible();

  const search = page.getByRole('combobox', { name: 'Search this circle' });
  await search.fill(PHRASES.search);
  await expect(page.getByRole('listbox', { name: 'Search results' })).toBeVisible();
  await search.press('Escape');

  const invite = await readInvite(page);

  await page.getByText('Keep & share', { exact: true }).click();
  await page.getByRole('button', { name: 'Back up this circle…' }).click();
  const backup = page.getByRole('dialog', { name: /^Back up / });
  await backup.getByLabel('Passphrase', { exact: true }).fill(PHRASES.passphrase);
  await backup.getByLabel('The passphrase again').fill(PHRASES.passphrase);
  const downloading = page.waitForEvent('download');
  await backup.getByRole('button', { name: 'Make the backup' }).click();
  await downloading;
  await backup.getByRole('button', { name: 'Done' }).click();

  // A part of the page fails with an error whose message quotes a phrase.
  await page.evaluate((message) => {
    const proto = Intl.DateTimeFormat.prototype;
    const original = Object.getOwnPropertyDescriptor(proto, 'format')!;
    Object.defineProperty(proto, 'format', {
      configurable: true,
      get(this: Intl.DateTimeFormat) {
        if (this.resolvedOptions().dateStyle === 'full') {
          return () => {
            throw new RangeError(message);
          };
        }
        return (original.get as (this: Intl.DateTimeFormat) => unknown).call(this);
      },
    });
  }, PHRASES.errorMessage);
  await page.getByRole('button', { name: 'Journal', exact: false }).first().click();
  await page
    .getByRole('navigation', { name: 'Meetings' })
    .getByRole('button', { name: new RegExp(PHRASES.meeting) })
    .click();
  await expect(
    page.getByRole('heading', { name: /Something went wrong in this part/ }),
  ).toBeVisible();
  await waitUntilSaved(page);

  expect(await peer.host.stop()).toBe(0);
  const logDir = join(peer.host.dataDir, 'logs');
  const files = await readdir(logDir);
  expect(files).toContain('hearth.log');
  const log = (await Promise.all(files.map((name) => readFile(join(logDir, name), 'utf8')))).join(
    '\n',
  );
  await testInfo.attach('hearth.log', { body: log, contentType: 'text/plain' });

  // The circle key as the page received it (the opened circle's profile, off the bridge).
  const circleKey =
    peer.bridge.results
      .map((result) =>
        result.ok ? (result.value as { profile?: { circleKey?: string } } | null) : null,
      )
      .find((value) => typeof value?.profile?.circleKey === 'string')?.profile?.circleKey ?? '';
  const invitePayload = invite.link.slice('hearth://join/'.length);
  const found = Object.entries(PHRASES)
    .flatMap(([what, phrase]) =>
      phrase
        .split(' ')
        .filter((word) => word.length >= 6)
        .map((word) => [what, word]),
    )
    .filter(([, word]) => log.toLowerCase().includes(word!.toLowerCase()));
  expect(found, 'typed words found in the log').toEqual([]);
  expect(circleKey).toHaveLength(43);
  for (const secret of [circleKey, invitePayload]) {
    for (let at = 0; at + 16 <= secret.length; at += 8) {
      expect(log, 'a piece of a key in the log').not.toContain(secret.slice(at, at + 16));
    }
  }

  // It does record what happened.
  expect(log).toContain('Hearth started');
  expect(log).toContain('a circle was made');
  expect(log).toMatch(/a part of the page failed.*"where":"notebook".*"kind":"RangeError"/);
  expect(log).toContain('Hearth closed its files');
});
