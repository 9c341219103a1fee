/**
 * Browser mode when its host stops: the page notices within 2 s (the bridge's
 * heartbeat, or the socket closing), says plainly what happened and that what is typed
 * now is kept in this window; and when the host starts again on the same data folder,
 * it is at the same address (the folder keeps its token and port, in a file only this
 * user can read), so the same tab reconnects by itself and saves what it kept.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { addMeeting, createCircle, startEntry, waitUntilSaved } from '../helpers/member';
import { storedCircleIds, storedEntryTexts } from '../helpers/storedNotebook';

const HOST_LOST =
  'Hearth has stopped running on this computer. What you type stays in this window and will be saved when Hearth is back.';
// The room's side of the status line: no "everything stays on this laptop" while nothing saves.
const WAITING_FOR_HOST = 'Waiting for Hearth on this computer to start again…';

test('a killed host is noticed within 2 s, and words typed meanwhile reach the disk when it is back', async ({
  hearth,
}) => {
  test.setTimeout(180_000);
  const host = await hearth.startHost('ana', undefined, { keepsAddress: true });
  const peer = await hearth.openPage(host);
  const { page } = peer;
  const address = host.url;
  const kept = await stat(join(host.dataDir, 'browser-address.json'));
  expect((kept.mode & 0o777).toString(8), 'the address file is for this user only').toBe('600');

  await createCircle(page, { name: 'Evening circle', memberName: 'Ana' });
  await addMeeting(page, { title: 'Thursday gathering' });
  await startEntry(page);
  await page.keyboard.type('Said before the stop.');
  await waitUntilSaved(page);
  const room = page.getByTestId('sync-status');
  await expect(room).toHaveText('No one else connected yet');

  await host.kill();
  // The one timed check here, because noticing quickly is the point: within 2 s.
  await expect(page.getByTestId('save-status')).toHaveText(HOST_LOST, { timeout: 2000 });
  await expect(room).toHaveText(WAITING_FOR_HOST);
  await page.keyboard.type(' Typed while Hearth was down, and kept.');
  await expect(page.getByTestId('save-status')).toHaveText(HOST_LOST);
  await expect(room).toHaveText(WAITING_FOR_HOST);
  await page.screenshot({ path: test.info().outputPath('host-down.png') });

  const hellos = peer.bridge.hellos;
  await host.start();
  expect(host.url, 'the same address after a restart').toBe(address);
  await expect
    .poll(() => peer.bridge.hellos, { message: 'the same tab reconnects' })
    .toBe(hellos + 1);
  await expect(page.getByTestId('save-status')).toHaveText('Saved on this laptop', {
    timeout: 30_000,
  });
  // The signalling endpoint is back with its host.
  await expect(room).toHaveText('No one else connected yet', { timeout: 30_000 });

  expect(await host.stop()).toBe(0);
  const [circleId] = await storedCircleIds(host.dataDir);
  expect(circleId).toBeDefined();
  const texts = await storedEntryTexts(host.dataDir, circleId!);
  expect(texts.join('\n')).toContain(
    'Said before the stop. Typed while Hearth was down, and kept.',
  );
  // The page's own complaints while the host was gone are expected; nothing else.
  expect(
    peer.consoleProblems.filter(
      (problem) =>
        !/ERR_CONNECTION_REFUSED|WebSocket|connection to Hearth was lost|reconnect|fell silent/i.test(
          problem,
        ),
    ),
  ).toEqual([]);
});
