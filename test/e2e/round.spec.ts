/**
 * Rounds end to end on two laptops over real WebRTC whose clocks disagree by seven
 * minutes: Ben's page runs its `Date` seven minutes ahead (an init script, checked by
 * reading both pages' clocks). Ana, who made the circle and so facilitates, starts a
 * round; both screens show the same speaker, and their timers read the same to within
 * a second, whichever laptop wrote the turn's start. Ben passes; Ana sees it; Ana ends
 * the round. Ben, who does not facilitate, never sees "Start a round".
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type Peer } from './fixtures';
import { addMeeting, createCircle, joinByPasting, readInvite, syncStatus } from '../helpers/member';

const SKEW_MS = 7 * 60_000;

// Replaces the page's Date with one running SKEW ahead: Date.now() and new Date() (and
// so everything the app times, the clock exchange included) read the skewed clock.
const skewedClock = (skew: number): string => `(() => {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  class SkewedDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(realNow() + ${skew}); else super(...args); }
    static now() { return realNow() + ${skew}; }
  }
  globalThis.Date = SkewedDate;
})();`;

interface TimerSample {
  /** What the timer shows, in seconds. */
  shown: number;
  /** The turn's start on the page's own clock. */
  startedAt: number;
  /** The page's clock when it was read. */
  now: number;
}

async function readTimer(page: Page): Promise<TimerSample> {
  return page.getByRole('timer', { name: 'Time in this turn' }).evaluate((timer) => {
    const [minutes, seconds] = (timer.querySelector('.round-timer__elapsed')?.textContent ?? '')
      .split(':')
      .map(Number);
    return {
      shown: (minutes ?? NaN) * 60 + (seconds ?? NaN),
      startedAt: Number(timer.getAttribute('data-turn-started')),
      now: Date.now(),
    };
  });
}

// Reads both timers at the same moment, a few times, and checks they agree. On a busy
// machine two pages cannot always be read within a blink: such samples are read again.
async function timersAgree(ana: Peer, ben: Peer, label: string): Promise<void> {
  const errors: number[] = [];
  let together = 0;
  for (let attempt = 0; attempt < 30 && together < 4; attempt++) {
    const [onAna, onBen] = await Promise.all([readTimer(ana.page), readTimer(ben.page)]);
    // Both starts are on their own laptop's clock; taking out the skew leaves the error.
    errors.push(onBen.startedAt - SKEW_MS - onAna.startedAt);
    // How far apart the two reads were (Ben's clock moved back by the skew).
    if (Math.abs(onBen.now - SKEW_MS - onAna.now) < 200) {
      together++;
      expect(Math.abs(onAna.shown - onBen.shown), `sample ${attempt}`).toBeLessThanOrEqual(1);
    }
    await ana.page.waitForTimeout(400);
  }
  expect(together, 'samples with both timers read at once').toBeGreaterThanOrEqual(3);
  for (const error of errors) expect(Math.abs(error)).toBeLessThan(1000);
  console.log(
    `round timer, ${label}: clocks 7 min apart, the two laptops' turn starts differ by ` +
      errors.map((error) => `${error} ms`).join(', '),
  );
}

// Serious or critical axe findings within `selector` (the round's card or dialog).
async function axeProblems(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

const round = (peer: Peer) => peer.page.getByRole('region', { name: 'Check-in round' });
const speakerLine = (peer: Peer) => round(peer).getByTestId('round-speaker');
const nowSpeaking = (peer: Peer) =>
  round(peer).getByRole('list', { name: 'Speaking order' }).locator('[aria-current="step"]');

test('a round whose timer agrees across two laptops whose clocks are minutes apart', async ({
  hearth,
}) => {
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  await ben.context.addInitScript({ content: skewedClock(SKEW_MS) });
  await ben.page.reload();
  await expect.poll(() => ben.bridge.hellos).toBeGreaterThan(1);
  const [anaNow, benNow] = await Promise.all([
    ana.page.evaluate(() => Date.now()),
    ben.page.evaluate(() => new Date().getTime()),
  ]);
  expect(Math.abs(benNow - anaNow - SKEW_MS), 'Ben’s page clock runs 7 min ahead').toBeLessThan(
    1000,
  );

  await createCircle(ana.page, { name: 'Evening circle', memberName: 'Ana' });
  await addMeeting(ana.page, { title: 'Thursday gathering' });
  const invite = await readInvite(ana.page);
  await joinByPasting(ben.page, invite.link, 'Ben');
  for (const peer of [ana, ben]) {
    await expect(syncStatus(peer.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
  }
  await expect(
    ben.page.getByRole('heading', { level: 1, name: 'Thursday gathering' }),
  ).toBeVisible();
  await expect(ben.page.getByRole('button', { name: 'Start a round' })).toHaveCount(0);

  // Ana plans the round: Ben first, moved there from the keyboard.
  await ana.page.getByRole('button', { name: 'Start a round' }).click();
  const dialog = ana.page.getByRole('dialog', { name: 'Start a round' });
  await expect(dialog.getByLabel('Name of the round')).toHaveValue('Check-in round');
  const order = dialog.getByRole('group', { name: 'Speaking order' }).getByRole('listitem');
  await expect(order).toHaveText([/^1\s*Ana \(you\)/, /^2\s*Ben \(here now\)/]);
  await dialog.getByRole('button', { name: 'Move Ben earlier' }).focus();
  await ana.page.keyboard.press('Enter');
  await expect(order).toHaveText([/Ben/, /Ana/]);
  // Ben is at the top now: the focus moved to the button that can still move him.
  await expect(dialog.getByRole('button', { name: 'Move Ben later' })).toBeFocused();
  await expect(dialog.getByLabel('Minutes for each person')).toHaveValue('3');
  await ana.page.screenshot({ path: test.info().outputPath('round-start-light.png') });
  expect(await axeProblems(ana.page, 'dialog[open]'), 'the start dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Start the round' }).click();
  await expect(dialog).toBeHidden();

  // Both screens: Ben's turn, the same order, and timers that agree.
  await expect(speakerLine(ana)).toHaveText('Ben is speaking');
  await expect(speakerLine(ben)).toHaveText('Your turn to speak');
  for (const peer of [ana, ben]) await expect(nowSpeaking(peer)).toContainText('Ben');
  await expect(round(ana).getByRole('button', { name: 'Pass' })).toHaveCount(0);
  await expect(round(ben).getByRole('button', { name: 'Next' })).toHaveCount(0);
  await expect(round(ben).getByRole('button', { name: 'End round' })).toHaveCount(0);
  await ana.page.waitForTimeout(1500);
  await timersAgree(ana, ben, 'turn written by Ana (true clock)');
  await ana.page.screenshot({ path: test.info().outputPath('round-ana-light.png') });
  expect(await axeProblems(ana.page, '.round'), 'the round, light').toEqual([]);
  // The theme button sits in the bar only on a wide window; the shortcut works at any width.
  const darkTheme = ben.page.getByRole('button', { name: 'Use the dark theme' });
  if (await darkTheme.isVisible()) await darkTheme.click();
  else await ben.page.keyboard.press('Control+Shift+L');
  await expect(ben.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await ben.page.waitForTimeout(400); // let the theme's colour transition finish
  await ben.page.screenshot({ path: test.info().outputPath('round-ben-dark.png') });
  expect(await axeProblems(ben.page, '.round'), 'the round, dark').toEqual([]);

  // Ben passes; Ana's screen shows it, and it is her turn.
  await round(ben).getByRole('button', { name: 'Pass' }).click();
  await expect(speakerLine(ana)).toHaveText('Your turn to speak');
  await expect(speakerLine(ben)).toHaveText('Ana is speaking');
  await expect(round(ana).getByRole('listitem').filter({ hasText: 'Ben' })).toContainText('passed');
  await expect(ana.page.getByTestId('round-announcement')).toHaveText(
    'Ben passed. It’s your turn.',
  );
  await ana.page.waitForTimeout(1500);
  await timersAgree(ana, ben, 'turn written by Ben (clock 7 min ahead)');

  // Ana moves on: everyone has had a turn; then she ends the round.
  await round(ana).getByRole('button', { name: 'Next' }).click();
  for (const peer of [ana, ben]) {
    await expect(speakerLine(peer)).toHaveText('Everyone has had a turn');
  }
  await round(ana).getByRole('button', { name: 'End round' }).click();
  for (const peer of [ana, ben]) await expect(round(peer)).toHaveCount(0);
  await expect(ana.page.getByRole('button', { name: 'Start a round' })).toBeVisible();
  await expect(ben.page.getByRole('button', { name: 'Start a round' })).toHaveCount(0);
  for (const peer of [ana, ben]) expect(peer.consoleProblems).toEqual([]);
});
