/**
 * A new member's colour is one nobody in the circle has, unless they chose it. The join
 * dialog guesses a colour before the circle's members are known; here every guess is made
 * to land on the founder's colour, and each newcomer's laptop gives it up for a free one
 * as soon as the notebook arrives. Ana founds the circle in Ember; Ben, then Cleo, join
 * without touching the colour picker.
 */
import type { Page } from '@playwright/test';
import { expect, test, type Peer } from './fixtures';
import { createCircle, joinByPasting, readInvite, syncStatus } from '../helpers/member';

const PALETTE = ['ember', 'sage', 'lake', 'plum', 'sand', 'rose', 'moss', 'dusk'];

// The colour of `name`'s dot in the member list, as the page draws it ('absent' if none).
async function colourOf(page: Page, name: string): Promise<string> {
  const dot = page
    .locator('.member-list__item')
    .filter({ has: page.locator('.member-list__name', { hasText: name }) })
    .locator('.member-dot');
  if ((await dot.count()) === 0) return 'absent';
  const style = (await dot.getAttribute('style')) ?? '';
  return /--member-([a-z]+)/.exec(style)?.[1] ?? `none (${style})`;
}

// Waits until `name` shows in a palette colour none of `taken` has, and returns it.
async function colourOtherThan(page: Page, name: string, taken: string[]): Promise<string> {
  await expect
    .poll(
      async () => {
        const colour = await colourOf(page, name);
        return PALETTE.includes(colour) && !taken.includes(colour) ? 'free' : colour;
      },
      { timeout: 30_000 },
    )
    .toBe('free');
  return colourOf(page, name);
}

// Every guess the page makes from now on is the palette's first colour: Ember.
async function guessEmber(peer: Peer): Promise<void> {
  await peer.page.evaluate(() => {
    Math.random = () => 0;
  });
}

test('two members who join without choosing a colour each get one nobody in the circle has', async ({
  hearth,
}) => {
  // Three laptops on a shared two-core machine.
  test.setTimeout(240_000);
  const ana = await hearth.openPeer('ana');
  await createCircle(ana.page, { name: 'Evening circle', memberName: 'Ana', colour: 'Ember' });
  const invite = await readInvite(ana.page);

  const ben = await hearth.openPeer('ben');
  await guessEmber(ben);
  await joinByPasting(ben.page, invite.link, 'Ben');
  await expect(syncStatus(ben.page)).toHaveText('Connected to 1 person', { timeout: 30_000 });
  const bens = await colourOtherThan(ana.page, 'Ben', ['ember']);
  await expect.poll(() => colourOf(ben.page, 'Ben')).toBe(bens);

  const cleo = await hearth.openPeer('cleo');
  await guessEmber(cleo);
  await joinByPasting(cleo.page, invite.link, 'Cleo');
  await expect(syncStatus(cleo.page)).toHaveText('Connected to 2 people', { timeout: 60_000 });
  const cleos = await colourOtherThan(ana.page, 'Cleo', ['ember', bens]);

  // Every laptop shows the same three different colours; the founder's is untouched.
  for (const peer of [ana, ben, cleo]) {
    await expect.poll(() => colourOf(peer.page, 'Ana')).toBe('ember');
    await expect.poll(() => colourOf(peer.page, 'Ben')).toBe(bens);
    await expect.poll(() => colourOf(peer.page, 'Cleo')).toBe(cleos);
  }
  // A newcomer's own screen shows the settled colour on the circle switcher too.
  await expect(cleo.page.locator('.circle-switcher__me .member-dot')).toHaveAttribute(
    'style',
    new RegExp(`--member-${cleos}`),
  );
  for (const peer of [ana, ben, cleo]) expect(peer.consoleProblems).toEqual([]);
});
