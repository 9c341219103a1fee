/**
 * Words stay their author's, over real WebRTC between three laptops: Ben cannot write in
 * Ana's entry until she invites him; his words then show as his on every laptop; when
 * she takes the invitation back his editor is read-only again and his words stay his.
 */
import { caretToEnd } from '../helpers/caret';
import { expect, test, type Peer } from './fixtures';
import {
  addMeeting,
  createCircle,
  finishJoining,
  inviteToWrite,
  joinByPasting,
  readInvite,
  startEntry,
  syncStatus,
} from '../helpers/member';

const editorOf = (peer: Peer, author: string) =>
  peer.page.getByRole('textbox', { name: `Entry by ${author}` });

// The caret checked at the end first: a click's own caret can land after Ctrl+End, and
// Enter at the start of someone's paragraph would move their words into a new one.
async function typeAtEnd(peer: Peer, author: string, words: string): Promise<void> {
  await caretToEnd(peer.page, editorOf(peer, author));
  await peer.page.keyboard.press('Enter');
  await peer.page.keyboard.type(words, { delay: 10 });
}

test('Ben writes in Ana’s entry only while she invites him, and every laptop shows whose words are whose', async ({
  hearth,
}) => {
  // Three laptops, two invitations, three writers: longer than most specs.
  test.setTimeout(300_000);
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  const cat = await hearth.openPeer('cat');
  await createCircle(ana.page, { name: 'Willow circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'Tuesday' });
  await startEntry(ana.page);
  await ana.page.keyboard.type('Ana writes about her week.');
  const invite = await readInvite(ana.page);
  await joinByPasting(ben.page, invite.link, 'Ben');
  await cat.page.goto(`${cat.host.origin}/#invite=${encodeURIComponent(invite.link)}`);
  await finishJoining(cat.page, null, 'Cat');
  for (const peer of [ana, ben, cat]) {
    await expect(syncStatus(peer.page)).toHaveText('Connected to 2 people', { timeout: 30_000 });
    await expect(editorOf(peer, 'Ana')).toContainText('Ana writes about her week.');
  }

  // Ben reads Ana's entry; he cannot type into it, and the screen says why.
  const benEditor = editorOf(ben, 'Ana');
  await expect(benEditor).toHaveAttribute('contenteditable', 'false');
  await expect(
    ben.page.getByText('Only Ana and the people they invite write in this entry.'),
  ).toBeVisible();
  await benEditor.click();
  await ben.page.keyboard.type('Ben tries to write');
  await expect(benEditor).not.toContainText('Ben tries');

  // Ana invites Ben; he writes; Ana and Cat see his words, as his.
  await inviteToWrite(ana.page, 'Ana', ['Ben']);
  await expect(benEditor).toHaveAttribute('contenteditable', 'true');
  await typeAtEnd(ben, 'Ana', 'Ben adds a line with her.');
  // Every laptop, the co-writer's own included, names him in the byline.
  for (const peer of [ana, ben, cat]) {
    await expect(editorOf(peer, 'Ana')).toContainText('Ben adds a line with her.');
    await expect(peer.page.getByRole('heading', { name: 'Ana with Ben' })).toBeVisible();
  }
  // Cat is not invited: still read-only.
  await expect(editorOf(cat, 'Ana')).toHaveAttribute('contenteditable', 'false');

  // The whole circle is invited; Cat writes too. Three writers, every run shows its writer.
  await inviteToWrite(ana.page, 'Ana', ['The whole circle']);
  await expect(editorOf(cat, 'Ana')).toHaveAttribute('contenteditable', 'true');
  await typeAtEnd(cat, 'Ana', 'Cat writes a third part.');
  const phrases: Record<string, string> = {
    Ana: 'Ana writes about her week.',
    Ben: 'Ben adds a line with her.',
    Cat: 'Cat writes a third part.',
  };
  for (const peer of [ana, ben, cat]) {
    await expect(editorOf(peer, 'Ana')).toContainText(phrases.Cat!);
    await expect(peer.page.getByRole('heading', { name: 'Ana with Ben and Cat' })).toBeVisible();
  }
  await ana.page.getByRole('button', { name: 'Show who wrote what' }).click();
  const view = ana.page.getByRole('region', { name: /^Who wrote what in/ });
  await expect(view.getByRole('listitem')).toHaveText(['Ana', 'Ben', 'Cat']);
  const runs = view.locator('.who-wrote__run');
  await expect(runs).toHaveCount(3);
  for (const run of await runs.all()) {
    const writer = (await run.getAttribute('data-writer'))!;
    expect(Object.keys(phrases)).toContain(writer);
    expect(phrases[writer]).toContain((await run.innerText()).trim());
  }
  // The name shows on keyboard focus too.
  await runs.first().focus();
  await expect(runs.first()).toBeFocused();

  // Ana takes it back from everyone: Ben's and Cat's editors are read-only again, and
  // their words stay, still theirs.
  await inviteToWrite(ana.page, 'Ana', ['The whole circle', 'Ben'], false);
  for (const peer of [ben, cat]) {
    await expect(editorOf(peer, 'Ana')).toHaveAttribute('contenteditable', 'false');
    await expect(editorOf(peer, 'Ana')).toContainText(phrases.Ben!);
  }
  await expect(ana.page.getByRole('heading', { name: 'Ana with Ben and Cat' })).toBeVisible();
  await benEditor.click();
  await ben.page.keyboard.type('Ben after it was taken back');
  await expect(editorOf(ana, 'Ana')).not.toContainText('taken back');
});

test('an entry open to the whole circle from its first moment names each writer on the writer’s own laptop too', async ({
  hearth,
}) => {
  test.setTimeout(180_000);
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  await createCircle(ana.page, { name: 'Birch circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'Thursday' });
  await startEntry(ana.page);
  await ana.page.keyboard.type('Ana opens the evening.');
  const invite = await readInvite(ana.page);
  await joinByPasting(ben.page, invite.link, 'Ben');
  for (const peer of [ana, ben]) {
    await expect(syncStatus(peer.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
  }
  // Ben shares his entry and at once opens it to the whole circle, before Ana's laptop
  // has shown it: her editor for it is writable from the moment it appears.
  await startEntry(ben.page);
  await ben.page.keyboard.type('Ben starts his check-in.');
  await inviteToWrite(ben.page, 'Ben');
  await expect(editorOf(ana, 'Ben')).toHaveAttribute('contenteditable', 'true');
  await typeAtEnd(ana, 'Ben', 'Ana answers in his entry.');
  for (const peer of [ana, ben]) {
    await expect(editorOf(peer, 'Ben')).toContainText('Ana answers in his entry.');
    await expect(peer.page.getByRole('heading', { name: 'Ben with Ana' })).toBeVisible();
  }
});
