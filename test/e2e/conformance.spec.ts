/**
 * The protocol documents, proven: a client written from them alone (test/conformance/,
 * which imports nothing of Hearth's code) joins a browser-mode laptop's circle by its
 * invite and reads an entry; its words under a client nobody named are refused; as a
 * member invited by the entry's author, it writes there, in its member's name.
 */
import { ConformanceClient } from '../conformance/client';
import { expect, test } from './fixtures';
import {
  addMeeting,
  createCircle,
  inviteToWrite,
  readInvite,
  startEntry,
  waitUntilSaved,
} from '../helpers/member';

test('a client written from the documents alone joins by invite, is refused in an entry it was not invited to, and writes there once invited', async ({
  peer,
}) => {
  test.setTimeout(120_000);
  const { page } = peer;
  await createCircle(page, { name: 'Lantern circle', memberName: 'Ana' });
  await addMeeting(page, { title: 'First evening' });
  const editor = await startEntry(page);
  await page.keyboard.type('Words from the laptop.');
  await waitUntilSaved(page);
  const invite = await readInvite(page);

  const client = await ConformanceClient.join(invite.link);
  try {
    // The same four words on both sides: the client derived them from the invite alone.
    expect(client.safetyCode).toBe(invite.safetyCode.replace(/\s+/g, ' ').trim());
    await expect.poll(() => client.connected, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => client.entryIds().length, { timeout: 30_000 }).toBe(1);
    const entryId = client.entryIds()[0]!;
    await expect
      .poll(() => client.readEntry(entryId), { timeout: 30_000 })
      .toContain('Words from the laptop.');

    // Words under a client nobody named (shared/notebook/WRITING.md) are refused, and the
    // refusal does not disconnect: an honest laptop whose index lags can send such words.
    // Messages on one link are handled in order, so once the comment the client sends
    // next is on the page, the words before it were handled: the entry must not hold them.
    client.joinAsMember('Dana');
    await expect(page.getByRole('complementary').getByText('Dana')).toBeVisible();
    client.writeAsStranger(entryId, ' Words under nobody’s name.');
    client.comment(entryId, 'A comment sent after those words.');
    const comments = page.getByRole('group', { name: 'Comments on Ana’s entry' });
    await expect(comments.getByRole('listitem')).toContainText('Dana');
    await expect(comments.getByRole('listitem')).toContainText('A comment sent after those words.');
    await expect(editor).toHaveText('Words from the laptop.');
    expect(client.connected).toBe(true);

    // Ana invites the whole circle; the client names its copy of the body as Dana's and
    // writes: its words show, in Dana's name, and the refused ones never do.
    await inviteToWrite(page, 'Ana');
    client.nameAsWriter(entryId);
    client.writeInto(entryId, ' And words from Dana, who read the documents.');
    await expect(editor).toHaveText(
      'Words from the laptop. And words from Dana, who read the documents.',
    );
    await expect(page.getByRole('heading', { name: 'Ana with Dana' })).toBeVisible();
    await waitUntilSaved(page);
    await expect(page.getByText('This entry was reloaded')).toHaveCount(0);
    expect(peer.consoleProblems.filter((line) => line.includes('rebuilt'))).toEqual([]);
  } finally {
    await client.close();
  }
});
