/**
 * The layout holds from 1280 px down to 700 px and at 200% zoom, in light and dark: on
 * the first screen, the circle screen (with its drawer), a meeting with prompts and
 * long entries, and every dialog, the page never scrolls (sideways or down, whatever
 * takes the focus or scrolls into view), no two top-bar controls overlap or leave the
 * window, and every dialog's main button is in sight without scrolling.
 *
 * Zoom: a browser at 200% lays the page out in a viewport of half its CSS size (media
 * queries, `vw` and `dvh` all see 640×400 for a 1280×800 window), so a 640×400 viewport
 * is that layout exactly. Chromium's `deviceScaleFactor` only sharpens pixels and
 * changes no layout, and CSS `zoom` on the root leaves media queries at full width,
 * which is not what a zoomed member sees. One browser page is reused throughout; only
 * its viewport and colour scheme change. Screenshots go to test-results/e2e/<test>/.
 * axe checks every screen and dialog at 1280×800, and the drawer and the "More" menu at
 * 700×800, in both themes: no serious or critical violation.
 */
import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { addMeeting, createCircle, startEntry, waitUntilSaved } from '../helpers/member';

interface Size {
  name: string;
  width: number;
  height: number;
}

const SIZES: readonly Size[] = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1024x640', width: 1024, height: 640 },
  { name: '900x800', width: 900, height: 800 },
  { name: '700x800', width: 700, height: 800 },
  { name: '1280x800-at-200pc', width: 640, height: 400 },
];

const CIRCLE = 'Tuesday evening circle';

/** What is wrong with the page as a whole: it scrolls, or it is wider than the window. */
async function pageProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollTop !== 0 || root.scrollLeft !== 0)
      problems.push(`the page is scrolled to ${root.scrollLeft},${root.scrollTop}`);
    if (root.scrollWidth > root.clientWidth)
      problems.push(`the page is ${root.scrollWidth} px wide in ${root.clientWidth}`);
    if (root.scrollHeight > root.clientHeight)
      problems.push(`the page is ${root.scrollHeight} px tall in ${root.clientHeight}`);
    return problems;
  });
}

/** Top-bar controls that overlap, leave the window, or cut the circle's name. */
async function topBarProblems(page: Page, width: number): Promise<string[]> {
  return page.evaluate((windowWidth) => {
    const problems: string[] = [];
    const bar = document.querySelector('.topbar');
    if (bar === null) return problems;
    const controls = Array.from(
      bar.querySelectorAll<HTMLElement>('button, input, summary, a[href]'),
    ).filter(
      (control) =>
        control.closest(
          '[role="menu"], .circle-switcher__panel, .tools-menu__list, .search__panel',
        ) === null && control.getClientRects().length > 0,
    );
    const named = (control: HTMLElement): string =>
      control.getAttribute('aria-label') ?? (control.textContent.trim() || control.tagName);
    const boxes = controls.map((control) => ({
      name: named(control),
      box: control.getBoundingClientRect(),
    }));
    for (const { name, box } of boxes) {
      if (box.left < 0 || box.right > windowWidth) problems.push(`${name} leaves the window`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.box;
        const b = boxes[j]!.box;
        const overlap =
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        if (overlap) problems.push(`${boxes[i]!.name} overlaps ${boxes[j]!.name}`);
      }
    }
    const search = bar.querySelector<HTMLInputElement>('input[type="search"]');
    const context = document.createElement('canvas').getContext('2d');
    if (search !== null && context !== null) {
      const style = getComputedStyle(search);
      context.font = style.font;
      const room =
        search.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (context.measureText(search.placeholder).width > room)
        problems.push(`the search placeholder "${search.placeholder}" is cut`);
    }
    const name = bar.querySelector<HTMLElement>('.circle-switcher__name');
    // At regular text size (18 px) a circle's name is whole from 1024 px up.
    const regular = getComputedStyle(document.documentElement).fontSize === '18px';
    if (name !== null && regular && windowWidth >= 1024 && name.scrollWidth > name.clientWidth)
      problems.push(`the circle's name is cut`);
    return problems;
  }, width);
}

/** Whether `locator`'s box lies wholly inside the window. */
async function inSight(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return (
      box.width > 0 &&
      box.top >= 0 &&
      box.left >= 0 &&
      box.bottom <= window.innerHeight &&
      box.right <= window.innerWidth
    );
  });
}

/**
 * Moves the focus and the scroll the ways a member does (the last editor, the end of
 * the notebook, an entry scrolled into view) and checks the page itself never moved.
 */
async function shakeThePanes(page: Page): Promise<void> {
  const editors = page.getByRole('textbox', { name: /^Entry by/ });
  if ((await editors.count()) > 0 && (await editors.last().isVisible())) {
    await editors.last().focus();
    await editors.first().evaluate((e) => e.scrollIntoView({ block: 'end' }));
  }
  await page.locator('#notebook').evaluate((pane) => {
    pane.scrollTop = pane.scrollHeight;
  });
  expect(await pageProblems(page), 'after the focus and scroll moved').toEqual([]);
}

/** Runs a command of the top bar: its own button when shown, else from "More". */
async function topBarCommand(page: Page, name: string, keep = false): Promise<void> {
  const bar = page.getByRole('banner');
  const more = bar.getByRole('button', { name: 'More', exact: true });
  if (await more.isVisible()) {
    await more.click();
    await page.getByRole('menuitem', { name, exact: true }).click();
  } else if (keep) {
    await bar.getByText('Keep & share').click();
    await bar.getByRole('button', { name, exact: true }).click();
  } else {
    await bar.getByRole('button', { name, exact: true }).click();
  }
}

/** The dialogs of an open circle, each with how a member opens it. */
const DIALOGS: readonly { name: string; open: (page: Page) => Promise<void> }[] = [
  {
    name: 'support',
    open: (page) => page.getByRole('button', { name: 'Need support now?' }).click(),
  },
  {
    name: 'invite',
    open: (page) => page.getByRole('button', { name: 'Invite', exact: true }).click(),
  },
  { name: 'agreements', open: (page) => topBarCommand(page, 'Agreements') },
  { name: 'let-people-in', open: (page) => topBarCommand(page, 'Let people in') },
  { name: 'settings', open: (page) => topBarCommand(page, 'Settings') },
  { name: 'export', open: (page) => topBarCommand(page, 'Export…', true) },
  { name: 'import', open: (page) => topBarCommand(page, 'Import Markdown…', true) },
  { name: 'back-up', open: (page) => topBarCommand(page, 'Back up this circle…', true) },
  { name: 'restore', open: (page) => topBarCommand(page, 'Restore a circle…', true) },
  { name: 'new-meeting', open: (page) => page.keyboard.press('Control+Shift+M') },
  {
    name: 'new-circle',
    open: async (page) => {
      await page.getByRole('button', { name: new RegExp(CIRCLE) }).click();
      await page.getByRole('button', { name: 'Start another circle…' }).click();
    },
  },
  {
    name: 'join',
    open: async (page) => {
      await page.getByRole('button', { name: new RegExp(CIRCLE) }).click();
      await page.getByRole('button', { name: 'Join a circle…' }).click();
    },
  },
  {
    name: 'start-round',
    open: async (page) => {
      // Scrolled to the top of the pane, clear of the sticky "Write an entry".
      const start = page.getByRole('button', { name: 'Start a round' });
      await start.evaluate((button) => button.scrollIntoView({ block: 'start' }));
      await start.click();
    },
  },
  {
    name: 'link',
    open: async (page) => {
      await page
        .getByRole('textbox', { name: /^Entry by/ })
        .first()
        .focus();
      await page.keyboard.press('Control+K');
    },
  },
];

/** Checks the open dialog: in the window, its main button in sight; then closes it. */
async function checkDialog(
  page: Page,
  shot: (name: string) => Promise<void>,
  name: string,
  audit: boolean,
) {
  const dialog = page.locator('dialog[open]');
  await expect(dialog, `${name} opens`).toHaveCount(1);
  const primary = dialog.locator('.dialog__actions .button--primary:visible').last();
  const main =
    (await primary.count()) > 0
      ? primary
      : dialog.locator('.dialog__actions button:visible').last();
  await shot(`dialog-${name}`);
  await expect(main, `${name} has an action`).toBeVisible();
  expect(await inSight(main), `${name}'s main button is in sight`).toBe(true);
  expect(await pageProblems(page), `${name} leaves the page still`).toEqual([]);
  if (audit) expect(await seriousViolations(page), `axe: ${name}`).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
}

test('the layout holds at every size and zoom, in both themes, on every screen and dialog', async ({
  peer,
}, testInfo) => {
  test.setTimeout(600_000);
  const { page } = peer;
  let where = '';
  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: testInfo.outputPath(`${where}-${name}.png`) });
  };

  // The first screen, at every size.
  for (const size of SIZES) {
    where = `light-${size.name}`;
    await page.setViewportSize(size);
    await expect(page.getByRole('button', { name: 'Create circle' })).toBeVisible();
    await shot('welcome');
    expect(await pageProblems(page), `welcome at ${size.name}`).toEqual([]);
    // Joining sits beside starting: in sight on the first screen, never below "Create".
    const join = page.getByRole('button', { name: 'Join a circle…' });
    if (size.height >= 800)
      expect(await inSight(join), `joining in sight at ${size.name}`).toBe(true);
    const joinTop = (await join.boundingBox())!.y;
    const create = (await page.getByRole('button', { name: 'Create circle' }).boundingBox())!;
    expect(joinTop, `joining not below "Create circle" at ${size.name}`).toBeLessThan(
      create.y + create.height,
    );
  }

  await page.setViewportSize(SIZES[0]!);
  await createCircle(page, { name: CIRCLE, memberName: 'Robin' });
  // Alone in a new circle, the first suggestion is to bring the others in.
  const firstSteps = page.locator('.empty-notebook').getByRole('button');
  await expect(firstSteps.first()).toHaveText('Invite the circle');
  await firstSteps.first().click();
  await expect(page.getByRole('dialog', { name: /^Invite someone to/ })).toBeVisible();
  await page.keyboard.press('Escape');
  // The journal has no share action, so it promises none.
  await page.getByRole('button', { name: /Your private journal/ }).click();
  await page.getByRole('button', { name: 'New journal entry' }).click();
  await expect(
    page.getByText('Only on this laptop. Nobody else can see it.').first(),
  ).toBeVisible();
  await expect(page.getByText(/until you share it/)).toHaveCount(0);
  // Nobody wrote the agreements a new circle starts with.
  await page.getByRole('button', { name: 'Agreements', exact: true }).click();
  const about = page.getByRole('dialog', { name: 'Agreements and facilitation' });
  await expect(about).toContainText('the agreements Hearth suggests to a new circle');
  await expect(about).not.toContainText('written by');
  await page.keyboard.press('Escape');
  await addMeeting(page, { title: 'Looking ahead together', theme: 'Looking ahead' });
  const long = 'Something small I am looking forward to, and why it matters this week. '.repeat(6);
  for (let i = 0; i < 4; i++) {
    await startEntry(page);
    await page.keyboard.insertText(long);
  }
  await waitUntilSaved(page);
  // Reactions hold words only a screen reader hears: they used to stretch the page.
  await page
    .getByRole('button', { name: /Thank you for sharing/ })
    .first()
    .click();
  await page
    .getByRole('button', { name: /been there too/ })
    .last()
    .click();

  // "Larger" text: the bar folds sooner and the page still never scrolls.
  for (const size of [SIZES[0]!, SIZES[1]!]) {
    where = `larger-text-${size.name}`;
    await page.setViewportSize(size);
    await topBarCommand(page, 'Settings');
    await page.getByRole('radio', { name: 'Larger' }).check();
    await page.keyboard.press('Escape');
    await shot('meeting');
    expect(await pageProblems(page), `${where}: meeting`).toEqual([]);
    expect(await topBarProblems(page, size.width), `${where}: top bar`).toEqual([]);
    await shakeThePanes(page);
    await topBarCommand(page, 'Settings');
    await page.getByRole('radio', { name: 'Regular' }).check();
    await page.keyboard.press('Escape');
  }

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      where = `${scheme}-${size.name}`;
      await page.setViewportSize(size);
      await page.locator('#notebook').evaluate((pane) => pane.scrollTo(0, 0));

      // The meeting with prompts: "Write an entry" in sight, the page still.
      await shot('meeting');
      expect(await pageProblems(page), `${where}: meeting`).toEqual([]);
      expect(await topBarProblems(page, size.width), `${where}: top bar`).toEqual([]);
      expect(
        await inSight(page.getByRole('button', { name: 'Write an entry' })),
        `${where}: "Write an entry" in sight`,
      ).toBe(true);
      await shakeThePanes(page);
      const audit = size.name === '1280x800' || size.name === '700x800';
      if (audit) expect(await seriousViolations(page), `axe: ${where} meeting`).toEqual([]);

      // The circle screen's sidebar: beside the notebook, or a drawer that opens and closes.
      const drawerButton = page.getByRole('button', { name: 'Meetings', exact: true });
      if (await drawerButton.isVisible()) {
        await drawerButton.click();
        const meetings = page.getByRole('navigation', { name: 'Meetings' });
        await expect(meetings).toBeVisible();
        await shot('drawer');
        expect(await pageProblems(page), `${where}: drawer`).toEqual([]);
        if (audit) expect(await seriousViolations(page), `axe: ${where} drawer`).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(meetings).toBeHidden();
        await expect(drawerButton).toBeFocused();
      } else {
        await expect(page.getByRole('navigation', { name: 'Meetings' })).toBeVisible();
      }

      // The "More" menu, when the bar is folded.
      const more = page.getByRole('banner').getByRole('button', { name: 'More', exact: true });
      if (await more.isVisible()) {
        await more.click();
        const menu = page.getByRole('menu', { name: 'More' });
        // A short window scrolls the menu itself: each item can be brought into sight.
        for (const item of await menu.getByRole('menuitem').all()) {
          await item.scrollIntoViewIfNeeded();
          expect(await inSight(item), `${where}: every item of More in sight`).toBe(true);
        }
        await shot('more-menu');
        // Keyboard: the first item takes the focus, arrows move, Escape goes back.
        const items = menu.getByRole('menuitem');
        await expect(items.first()).toBeFocused();
        await page.keyboard.press('ArrowDown');
        await expect(items.nth(1)).toBeFocused();
        await page.keyboard.press('End');
        await expect(items.last()).toBeFocused();
        await page.keyboard.press('ArrowDown');
        await expect(items.first()).toBeFocused();
        if (audit) expect(await seriousViolations(page), `axe: ${where} More`).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(menu).toBeHidden();
        await expect(more).toBeFocused();
      }

      for (const dialog of DIALOGS) {
        await dialog.open(page);
        await checkDialog(page, shot, dialog.name, size.name === '1280x800');
      }
      expect(await pageProblems(page), `${where}: after every dialog`).toEqual([]);
    }
  }
});
