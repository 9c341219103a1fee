/**
 * Knock to join, as people in a room do it (shared/sync/DOOR.md): a facilitator opens
 * the circle's door; a second laptop lists it by its nickname, knocks with a name and a
 * colour; both screens show the same four words; the facilitator lets them in; the
 * newcomer affirms the agreements and has the notebook, over real WebRTC. And a refused
 * knock: every byte the knocker received is checked for the circle's key, id and name.
 * Hosts announce and browse over mDNS on the loopback interface only.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { NearbyDoors } from '../../electron/main/services/door/doorMdns';
import { parseInvite } from '../../shared/sync/invite';
import { recordKnock } from '../helpers/recordingKnocker';
import { expect, test } from './fixtures';
import {
  addMeeting,
  affirmAgreements,
  createCircle,
  readInvite,
  startEntry,
  syncStatus,
} from '../helpers/member';

test('a newcomer knocks on the open door, both screens show the same words, and they are let in', async ({
  hearth,
}, testInfo) => {
  // What each screen looked like, kept with the test's results for people to look at.
  const shots = (name: string): string => testInfo.outputPath(`${name}.png`);
  const ana = await hearth.openPage(await hearth.startHost('ana', undefined, { discovery: true }));
  const ben = await hearth.openPage(await hearth.startHost('ben', undefined, { discovery: true }));

  await createCircle(ana.page, { name: 'Lantern circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'First evening' });
  await startEntry(ana.page);
  await ana.page.keyboard.type('Ana wrote this before the door opened.');

  // Nothing is open yet: starting comes first on Ben's welcome screen.
  await expect(ben.page.getByText('Joining a circle in this room?')).toBeVisible();

  await ana.page.getByRole('button', { name: 'Let people in' }).click();
  const door = ana.page.getByRole('dialog', { name: 'Let people in to Lantern circle' });
  await door.getByRole('button', { name: 'Open the door' }).click();
  const nickname = (await door.getByTestId('door-nickname').textContent()) ?? '';
  expect(nickname).toMatch(/^[a-z]+ [a-z]+$/);
  await expect(door.getByTestId('door-countdown')).toHaveText(/^Closes in (10:00|9:\d\d)$/);
  await ana.page.screenshot({ path: shots('facilitator-open') });

  // Ben's first screen now offers joining nearby first.
  await expect(ben.page.getByText('A circle in this room has opened its door.')).toBeVisible({
    timeout: 15_000,
  });
  await ben.page.screenshot({ path: shots('welcome-door-open') });
  await ben.page.getByRole('button', { name: 'Join a circle nearby' }).click();
  const nearby = ben.page.getByRole('dialog', { name: 'Join a circle nearby' });
  await nearby.getByLabel(`Door “${nickname}”`).check();
  await nearby.getByLabel('Your name in this circle').fill('Ben');
  await nearby.getByLabel('Lake').check();
  await nearby.getByRole('button', { name: 'Knock' }).click();

  const benWords = nearby.getByTestId('knock-words');
  await expect(benWords).toHaveText(/^\w+ · \w+ · \w+ · \w+$/);
  const knock = door.getByRole('listitem', { name: 'Ben is knocking' });
  await expect(knock).toBeVisible();
  const words = (await benWords.textContent()) ?? '';
  await expect(knock.getByTestId('knock-words')).toHaveText(words);
  await ana.page.screenshot({ path: shots('facilitator-knock') });
  await ben.page.screenshot({ path: shots('newcomer-words') });
  expect(await seriousViolations(ana.page), 'the door with a knock').toEqual([]);
  expect(await seriousViolations(ben.page), 'the knocker’s words').toEqual([]);

  await knock.getByRole('button', { name: 'Let them in' }).click();
  await expect(nearby.getByRole('heading', { name: 'You are in Lantern circle' })).toBeVisible();
  const anaCode = await readSafetyCodeOf(ana.page, door);
  await expect(nearby.getByTestId('safety-code')).toHaveText(anaCode);
  await ben.page.screenshot({ path: shots('newcomer-joined') });
  await nearby.getByRole('button', { name: 'Open the circle' }).click();

  await affirmAgreements(ben.page, { timeout: 60_000 });
  await expect(syncStatus(ben.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
  await expect(ben.page.getByRole('textbox', { name: 'Entry by Ana' })).toHaveText(
    'Ana wrote this before the door opened.',
  );
  expect(ben.bridge.results.filter((result) => !result.ok)).toEqual([]);
});

test('a refused knock learns nothing: no circle key, id or name in any byte it received', async ({
  hearth,
}) => {
  const ana = await hearth.openPage(await hearth.startHost('ana', undefined, { discovery: true }));
  await createCircle(ana.page, { name: 'Quiet harbour circle', memberName: 'Ana' });
  const invite = parseInvite((await readInvite(ana.page)).link);
  if (!invite.ok) throw new Error(invite.reason);

  await ana.page.getByRole('button', { name: 'Let people in' }).click();
  const door = ana.page.getByRole('dialog', { name: /^Let people in to/ });
  await door.getByRole('button', { name: 'Open the door' }).click();
  const nickname = (await door.getByTestId('door-nickname').textContent()) ?? '';

  // The knocker is this test process, with Hearth's own door listener and knocker code.
  const listener = new NearbyDoors({
    network: { hosts: () => [], mdns: () => ({ interfaces: ['127.0.0.1'], port: 5353 }) },
    onChange: () => undefined,
    ownDoor: () => null,
  });
  try {
    listener.watch();
    await expect.poll(() => listener.list().find((d) => d.label === nickname)).toBeTruthy();
    // The announcement says nothing about the circle either.
    expect(listener.list().find((d) => d.label === nickname)).toMatchObject({
      labelKind: 'nickname',
    });
    const doorId = listener.list().find((d) => d.label === nickname)!.doorId;
    const url = listener.urlsOf(doorId)![0]!;
    const knocker = recordKnock(url, 'Eve');
    const words = await knocker.words;
    const knock = door.getByRole('listitem', { name: 'Eve is knocking' });
    await expect(knock.getByTestId('knock-words')).toHaveText(words!.join(' · '));
    await knock.getByRole('button', { name: 'Not now' }).click();
    expect(await knocker.done).toEqual({ kind: 'ended', reason: 'not-now' });
    await expect(knock).toBeHidden();

    const received = Buffer.concat(knocker.received.map((frame) => Buffer.from(frame)));
    expect(knocker.received.map((frame) => frame.length)).toEqual([34, 3]);
    const secrets = {
      'circle key': Buffer.from(invite.value.circleKey, 'base64url'),
      'circle key as text': Buffer.from(invite.value.circleKey),
      'circle id': Buffer.from(invite.value.circleId, 'base64url'),
      'circle id as text': Buffer.from(invite.value.circleId),
      'circle name': Buffer.from(invite.value.circleName),
    };
    for (const [what, bytes] of Object.entries(secrets)) {
      expect(received.includes(bytes), `${what} in what the knocker received`).toBe(false);
    }
    // "Close the door": the door leaves the list, and a knock now finds nobody.
    await door.getByRole('button', { name: 'Close the door' }).click();
    await expect(door.getByRole('button', { name: 'Open the door' })).toBeVisible();
    const late = recordKnock(url, 'Eve');
    expect((await late.done).kind).toBe('closed');
    expect(late.received).toEqual([]);
  } finally {
    await listener.close();
  }
});

// Serious or critical axe findings on the page as it is (as test/e2e/accessibility.spec.ts).
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

// The facilitator's safety code for the circle, from the Invite dialog.
async function readSafetyCodeOf(page: Page, door: Locator): Promise<string> {
  await door.getByRole('button', { name: 'Done' }).click();
  const { safetyCode } = await readInvite(page);
  return safetyCode;
}
