/**
 * Circle sync end to end: three laptops (three hosts, three data folders, three browser
 * contexts that share nothing) in one room on this machine, linked by real WebRTC data
 * channels that found each other through the laptops' own signalling endpoints on
 * 127.0.0.1.
 */
import { expect, test, type Peer } from './fixtures';
import {
  addMeeting,
  createCircle,
  finishJoining,
  joinByPasting,
  readInvite,
  inviteToWrite,
  setOffline,
  startEntry,
  syncStatus,
} from './member';

const editorOf = (peer: Peer, author: string) =>
  peer.page.getByRole('textbox', { name: `Entry by ${author}` });

test('three laptops co-write one entry over WebRTC, and an offline laptop merges when it returns', async ({
  hearth,
}) => {
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  const cat = await hearth.openPeer('cat');

  await createCircle(ana.page, { name: 'Riverside circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'Arriving' });
  await startEntry(ana.page);
  await ana.page.keyboard.type('Ana begins. ');
  const invite = await readInvite(ana.page);

  // Ben pastes the invite text; Cat opens the link.
  const benCode = await joinByPasting(ben.page, invite.link, 'Ben');
  await cat.page.goto(`${cat.host.origin}/#invite=${encodeURIComponent(invite.link)}`);
  const catCode = await finishJoining(cat.page, null, 'Cat');
  expect(benCode).toBe(invite.safetyCode);
  expect(catCode).toBe(invite.safetyCode);

  for (const peer of [ana, ben, cat]) {
    await expect(syncStatus(peer.page)).toHaveText('Connected to 2 people', { timeout: 30_000 });
    await expect(editorOf(peer, 'Ana')).toContainText('Ana begins.');
  }
  // Ana's words are hers until she invites the others to write with her.
  await inviteToWrite(ana.page, 'Ana');
  for (const peer of [ben, cat]) {
    await expect(editorOf(peer, 'Ana')).toHaveAttribute('contenteditable', 'true');
  }

  // All three type into Ana's entry at once, each starting a paragraph of their own.
  await Promise.all(
    [
      [ana, 'Ana writes on. '],
      [ben, 'Ben adds a line. '],
      [cat, 'Cat has a thought. '],
    ].map(async ([peer, words]) => {
      const { page } = peer as Peer;
      await editorOf(peer as Peer, 'Ana').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(words as string, { delay: 15 });
    }),
  );
  const converged = async (): Promise<string[]> =>
    Promise.all([ana, ben, cat].map((peer) => editorOf(peer, 'Ana').innerText()));
  await expect.poll(async () => new Set(await converged()).size, { timeout: 10_000 }).toBe(1);
  const together = (await converged())[0]!;
  for (const words of ['Ana writes on.', 'Ben adds a line.', 'Cat has a thought.']) {
    expect(together).toContain(words);
  }

  // Everyone is in the member list, here now, and the others' cursors show in the entry.
  for (const peer of [ana, ben, cat]) {
    const list = peer.page.getByRole('region', { name: 'In the circle' });
    await expect(list.getByRole('listitem')).toHaveCount(3);
    for (const name of ['Ana', 'Ben', 'Cat']) await expect(list).toContainText(name);
  }
  const anaList = ana.page.getByRole('region', { name: 'In the circle' });
  await expect(anaList.getByText('Writing in Ana’s entry')).toHaveCount(2);
  for (const name of ['Ben', 'Cat']) {
    await expect(ana.page.locator('.collab-cursor__name', { hasText: name })).toBeVisible();
  }

  // The sync went over direct WebRTC links.
  await syncStatus(ana.page).click();
  const links = ana.page.getByTestId('peer-links').getByRole('listitem');
  await expect(links).toHaveCount(2);
  await expect(links.first()).toContainText(
    /: direct WebRTC link, in step: \d+ messages sent, [1-9]\d* received/,
  );
  await syncStatus(ana.page).click();

  // Cat goes offline; Ana and Cat both write; Cat comes back and all three agree.
  await setOffline(cat.page, true);
  await expect(syncStatus(ana.page)).toHaveText('Connected to 1 person');
  await editorOf(ana, 'Ana').click();
  await ana.page.keyboard.press('Control+End');
  await ana.page.keyboard.type('Written by Ana while Cat was away.');
  await editorOf(cat, 'Ana').click();
  await cat.page.keyboard.press('Control+End');
  await cat.page.keyboard.press('Enter');
  await cat.page.keyboard.type('Written by Cat while offline.');
  await setOffline(cat.page, false);
  const back = Date.now();
  await expect.poll(async () => new Set(await converged()).size, { timeout: 3_000 }).toBe(1);
  console.log(
    `Cat's return: every screen showed the same text ${Date.now() - back} ms after going back online`,
  );
  await ana.page.screenshot({ path: test.info().outputPath('three-laptops-ana.png') });
  const merged = (await converged())[0]!;
  expect(merged).toContain('Written by Ana while Cat was away.');
  expect(merged).toContain('Written by Cat while offline.');
});

test('words typed apart into the same word are all kept when two laptops meet again', async ({
  hearth,
}) => {
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  await createCircle(ana.page, { name: 'Harbour circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'Apart' });
  await startEntry(ana.page);
  await ana.page.keyboard.type('steady');
  const invite = await readInvite(ana.page);
  await joinByPasting(ben.page, invite.link, 'Ben');
  await expect(syncStatus(ben.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
  const anaEditor = editorOf(ana, 'Ana');
  const benEditor = editorOf(ben, 'Ana');
  await expect(benEditor).toHaveText('steady');
  await inviteToWrite(ana.page, 'Ana', ['Ben']);
  await expect(benEditor).toHaveAttribute('contenteditable', 'true');

  await setOffline(ben.page, true);
  // Ana types before the word; Ben selects the whole word and types over it.
  await anaEditor.click();
  await ana.page.keyboard.press('Control+Home');
  await ana.page.keyboard.type('mostly ');
  await benEditor.dblclick();
  await ben.page.keyboard.type('calm');
  await setOffline(ben.page, false);

  for (const peer of [ana, ben]) {
    await expect(editorOf(peer, 'Ana')).toContainText('mostly', { timeout: 15_000 });
    await expect(editorOf(peer, 'Ana')).toContainText('calm');
  }
  await expect
    .poll(async () => (await anaEditor.innerText()) === (await benEditor.innerText()))
    .toBe(true);
});
