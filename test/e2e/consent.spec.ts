/**
 * Consent first, end to end on three laptops over real WebRTC: a private draft stays on
 * its writer's laptop until shared; an anonymous entry names nobody; reactions count;
 * and a withdrawn entry's words leave every laptop's disk — including one that was
 * offline when it was withdrawn. "The disk" is read decrypted, record by record, with
 * the laptop's own key (test/helpers/storedWords.ts): absent means absent.
 */
import { keyAuthor, ClientRegistry } from '../../shared/notebook/authorship';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import { INDEX_ROOT } from '../../shared/notebook/schema';
import type * as Y from 'yjs';
import { filesHolding, storedIndexDoc, storedTexts } from '../helpers/storedWords';
import { expect, test, type Peer } from './fixtures';
import {
  addMeeting,
  createCircle,
  joinByPasting,
  readInvite,
  setOffline,
  shareDraft,
  startDraft,
  syncStatus,
  waitUntilSaved,
} from '../helpers/member';

async function circleIdOf(peer: Peer): Promise<string> {
  const texts = await storedTexts(peer.host.dataDir);
  // The circle is the folder holding an index; the journal's index holds no meta text.
  const folders = new Set([...texts.keys()].map((file) => file.split('/')[0]!));
  for (const folder of folders) {
    const index = new CircleIndex(await storedIndexDoc(peer.host.dataDir, folder));
    if (index.read().meta !== null) return folder;
  }
  throw new Error(`${peer.name} holds no circle`);
}

test('drafts stay private until shared, anonymous entries name nobody, and withdrawn words leave every disk', async ({
  hearth,
}) => {
  test.setTimeout(240_000);
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  const cat = await hearth.openPeer('cat');
  await createCircle(ana.page, { name: 'Willow circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'What we carry' });
  const invite = await readInvite(ana.page);
  await joinByPasting(ben.page, invite.link, 'Ben');
  await joinByPasting(cat.page, invite.link, 'Cat');
  for (const peer of [ana, ben, cat]) {
    await expect(syncStatus(peer.page)).toHaveText('Connected to 2 people', { timeout: 30_000 });
  }

  // A private draft: on Ana's disk (her journal), on nobody else's, on nobody's screen.
  const drafted = 'lanterns under the old stone bridge';
  await startDraft(ana.page);
  await ana.page.keyboard.type(`I keep thinking of ${drafted}.`);
  await waitUntilSaved(ana.page);
  await ben.page.waitForTimeout(1500);
  expect(await filesHolding(ana.host.dataDir, drafted)).toHaveLength(1);
  expect(await filesHolding(ben.host.dataDir, drafted)).toEqual([]);
  expect(await filesHolding(cat.host.dataDir, drafted)).toEqual([]);
  await expect(ben.page.getByText(drafted)).toHaveCount(0);

  // Shared: now on every screen and every disk — and gone from Ana's journal.
  await shareDraft(ana.page);
  for (const peer of [ben, cat]) {
    await expect(peer.page.getByRole('textbox', { name: 'Entry by Ana' })).toContainText(drafted);
    await waitUntilSaved(peer.page);
    expect(await filesHolding(peer.host.dataDir, drafted)).toHaveLength(1);
  }
  await waitUntilSaved(ana.page);
  const anaFiles = await filesHolding(ana.host.dataDir, drafted);
  expect(anaFiles).toHaveLength(1);
  const circleId = await circleIdOf(ana);
  expect(anaFiles[0]!.startsWith(circleId)).toBe(true);

  // Anonymous: no name on any screen, no member id in the shared documents.
  const unnamed = 'a winter I have never told anyone about';
  await startDraft(ben.page);
  await ben.page.keyboard.type(`This is about ${unnamed}.`);
  await shareDraft(ben.page, 'anonymous');
  for (const peer of [ana, cat, ben]) {
    const entry = peer.page.getByRole('region', { name: 'Anonymous' });
    await expect(entry.getByRole('textbox', { name: 'Entry by Anonymous' })).toContainText(unnamed);
    await expect(entry).not.toContainText('Ben');
  }
  await waitUntilSaved(ana.page);
  const indexDoc = await storedIndexDoc(ana.host.dataDir, circleId);
  const snapshot = new CircleIndex(indexDoc).read();
  const anonymous = [...snapshot.entries.values()].find(
    (entry) => entry.visibility === 'anonymous',
  )!;
  expect(anonymous.authorId).toBeNull();
  const benId = [...snapshot.members.values()].find((member) => member.name === 'Ben')!.id;
  const yEntry = indexDoc.getMap(INDEX_ROOT.entries).get(anonymous.id) as Y.Map<unknown>;
  const writer = keyAuthor(yEntry, 'meetingId')!;
  expect(ClientRegistry.read(indexDoc).memberOf(writer)).toBeNull();
  expect(JSON.stringify(yEntry.toJSON())).not.toContain(benId);
  const anonymousBody = [...(await storedTexts(ana.host.dataDir))].find(([file]) =>
    file.includes(anonymous.id),
  )!;
  expect(anonymousBody[1]).toContain(unnamed);
  expect(anonymousBody[1]).not.toContain(benId);

  // Reactions: counted on every laptop.
  for (const peer of [ben, cat]) {
    const anaEntry = peer.page.getByRole('region', { name: 'Ana', exact: true });
    await anaEntry.getByRole('button', { name: /Thank you for sharing/ }).click();
  }
  await expect(
    ana.page
      .getByRole('region', { name: 'Ana', exact: true })
      .getByRole('button', { name: /Thank you for sharing/ }),
  ).toContainText('2');

  // Withdrawal while Cat is offline: gone from Ana's and Ben's disks at once, from Cat's when it returns.
  await setOffline(cat.page, true);
  await expect(syncStatus(ana.page)).toHaveText('Connected to 1 person');
  const anaEntry = ana.page.getByRole('region', { name: 'Ana', exact: true });
  await anaEntry.getByRole('button', { name: 'Your choices' }).click();
  await anaEntry.getByRole('button', { name: 'Withdraw this entry…' }).click();
  await ana.page
    .getByRole('dialog', { name: 'Withdraw your entry?' })
    .getByRole('button', { name: 'Withdraw it' })
    .click();
  for (const peer of [ana, ben]) {
    await expect(peer.page.getByText(drafted)).toHaveCount(0);
    await expect
      .poll(() => filesHolding(peer.host.dataDir, drafted), { timeout: 10_000 })
      .toEqual([]);
  }
  await expect(cat.page.getByText(drafted)).toHaveCount(1);
  await setOffline(cat.page, false);
  await expect(cat.page.getByText(drafted)).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(() => filesHolding(cat.host.dataDir, drafted), { timeout: 10_000 }).toEqual([]);
  // The others' words are untouched.
  await expect(cat.page.getByText(unnamed)).toHaveCount(1);
});
