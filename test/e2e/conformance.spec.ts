/**
 * The protocol documents, proven: a client written from them alone (test/conformance/,
 * which imports nothing of Hearth's code) joins a browser-mode laptop's circle by its
 * invite, reads an entry, writes into it, and the member sees those words on the page.
 */
import { ConformanceClient } from '../conformance/client';
import { expect, test } from './fixtures';
import {
  addMeeting,
  createCircle,
  readInvite,
  startEntry,
  waitUntilSaved,
} from '../helpers/member';

test('a client written from the documents alone joins by invite, reads an entry and writes into it', async ({
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

    client.writeInto(entryId, ' And words from a stranger who read the documents.');
    await expect(editor).toContainText(
      'Words from the laptop. And words from a stranger who read the documents.',
    );
    await waitUntilSaved(page);
    // The laptop kept the connection: nothing the client sent was refused, and the editor
    // followed its document without being rebuilt.
    expect(client.connected).toBe(true);
    await expect(page.getByText('This entry was reloaded')).toHaveCount(0);
    expect(peer.consoleProblems.filter((line) => line.includes('rebuilt'))).toEqual([]);
  } finally {
    await client.close();
  }
});
