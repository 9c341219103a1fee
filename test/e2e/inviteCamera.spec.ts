/**
 * The invite's other ways in: the join dialog reads the QR code with the laptop's camera
 * (Chromium's fake camera showing the QR code the facilitator's screen drew, turned into
 * a .y4m video by Debian's ffmpeg at test time), says plainly when there is no camera or
 * it is refused, and "Copy the invite" puts the invite on the clipboard with a visible
 * "Copied" (browser mode: the page's clipboard; the desktop path through main is in
 * test/unit/electron/main/security.test.ts and desktopHandlers.test.ts).
 */
import { execFileSync } from 'node:child_process';
import type { Browser } from '@playwright/test';
import { expect, launchChromium, test } from './fixtures';
import {
  addMeeting,
  affirmAgreements,
  createCircle,
  startEntry,
  syncStatus,
} from '../helpers/member';

test('a newcomer joins by holding the invite’s QR code up to the camera', async ({
  hearth,
}, testInfo) => {
  const ana = await hearth.openPeer('ana');
  await createCircle(ana.page, { name: 'Camera circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'Seen through a lens' });
  await startEntry(ana.page);
  await ana.page.keyboard.type('Written before the camera looked.');

  await ana.page.getByRole('button', { name: 'Invite', exact: true }).click();
  const invite = ana.page.getByRole('dialog', { name: /^Invite someone to/ });
  const link = await invite.getByLabel('Invite link').inputValue();
  const safetyCode = (await invite.getByTestId('safety-code').textContent()) ?? '';
  const png = testInfo.outputPath('invite-qr.png');
  await invite.getByRole('img', { name: /^QR code of the invite/ }).screenshot({ path: png });
  const video = testInfo.outputPath('invite-qr.y4m');
  // A still picture of the code, centred on a white 640×480 frame, as a camera would show it.
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    png,
    '-vf',
    'scale=440:440:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p',
    '-t',
    '1',
    '-r',
    '10',
    video,
  ]);
  await invite.getByRole('button', { name: 'Done' }).click();

  const browser: Browser = await launchChromium({
    args: ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const ben = await hearth.openPage(
      await hearth.startHost('ben'),
      'ben',
      await browser.newContext(),
    );
    await ben.page.getByRole('button', { name: 'Join a circle…' }).click();
    const join = ben.page.getByRole('dialog', { name: 'Join a circle' });
    await join.getByRole('button', { name: 'Scan the QR code' }).click();
    await expect(join.getByText('Invite read from the QR code.')).toBeVisible({ timeout: 20_000 });
    await expect(join.getByLabel('Invite')).toHaveValue(link);
    await expect(join.getByTestId('safety-code')).toHaveText(safetyCode);
    // The camera is off again once the code is read.
    await expect(join.getByLabel('What the camera sees')).toHaveCount(0);
    await join.getByLabel('Your name in this circle').fill('Ben');
    await join.getByRole('button', { name: 'Join the circle' }).click();
    await affirmAgreements(ben.page, { timeout: 60_000 });
    await expect(syncStatus(ben.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
    await expect(ben.page.getByRole('textbox', { name: 'Entry by Ana' })).toHaveText(
      'Written before the camera looked.',
    );
    await ben.context.close();
  } finally {
    await browser.close();
  }
});

test('the reader says so plainly when there is no camera, or the camera is refused', async ({
  hearth,
  peer,
}) => {
  // The suite's own browser has no camera at all.
  await peer.page.getByRole('button', { name: 'Join a circle…' }).click();
  const join = peer.page.getByRole('dialog', { name: 'Join a circle' });
  await join.getByRole('button', { name: 'Scan the QR code' }).click();
  await expect(join.getByRole('alert')).toHaveText(
    'This laptop has no camera Hearth can use. Please paste the invite instead.',
  );

  // A camera is there, but this page may not use it.
  const browser = await launchChromium({ args: ['--use-fake-device-for-media-stream'] });
  try {
    const context = await browser.newContext();
    const cat = await hearth.openPage(await hearth.startHost('cat'), 'cat', context);
    await context.clearPermissions();
    await cat.page.getByRole('button', { name: 'Join a circle…' }).click();
    const refused = cat.page.getByRole('dialog', { name: 'Join a circle' });
    await refused.getByRole('button', { name: 'Scan the QR code' }).click();
    await expect(refused.getByRole('alert')).toHaveText(
      'The camera was not allowed. You can allow it and try again, or paste the invite instead.',
    );
    await context.close();
  } finally {
    await browser.close();
  }
});

test('copying the invite puts it on the clipboard and says "Copied"', async ({ peer }) => {
  await peer.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: peer.host.origin,
  });
  await createCircle(peer.page, { name: 'Copy circle', memberName: 'Ana' });
  await peer.page.getByRole('button', { name: 'Invite', exact: true }).click();
  const invite = peer.page.getByRole('dialog', { name: /^Invite someone to/ });
  const link = await invite.getByLabel('Invite link').inputValue();
  await invite.getByRole('button', { name: 'Copy the invite' }).click();
  await expect(invite.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await peer.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
});
