/**
 * The door beside the pasted invite, on the one-year circle (../oneYearCircle.ts): Sam's
 * laptop holds it; a fresh laptop, Ada's, joins it — once through the door, once by
 * pasting the invite — at machine speed (every click as soon as its button shows; the
 * words compared instantly). Timed from Sam's first click (Open the door / Invite) to
 * the first frame at which Ada's status line reads "Connected to 1 person" — shown only
 * once the session with Sam is in step, every document asked for, answered and applied —
 * with all 52 meetings listed.
 */
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { HearthHost } from '../../helpers/hearthHost';
import type { OneYearCircle } from '../oneYearCircle';

const AGREE = 'I agree to hold these agreements';
const MEETING_TITLE = '.meeting-list__title';
const JOIN_TIMEOUT_MS = 180_000;

/** One way in, timed. */
export interface DoorJoinResult {
  way: 'door' | 'pasted invite';
  /** Sam's first click → Ada holds the whole notebook, ms. */
  wholeNotebookMs: number;
  /** Sam's first click → Ada's laptop has the invite (joined the circle), ms. */
  inviteMs: number;
}

async function laptop(
  browser: Browser,
  root: string,
  name: string,
  rendererDir: string,
  prepare?: (dataDir: string) => Promise<void>,
): Promise<{ host: HearthHost; context: BrowserContext; page: Page }> {
  const dataDir = join(root, name);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await prepare?.(dataDir);
  const host = new HearthHost({ name, dataDir, rendererDir, discovery: true });
  await host.start();
  const context = await browser.newContext();
  await context.grantPermissions(['camera', 'microphone'], { origin: host.origin });
  const page = await context.newPage();
  await page.goto(host.url);
  return { host, context, page };
}

// Clicks "I agree" whenever it shows, until `done`.
async function agreeingUntil(page: Page, done: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + JOIN_TIMEOUT_MS;
  const agree = page.getByRole('button', { name: AGREE });
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error('the notebook never arrived');
    if (await agree.isVisible().catch(() => false)) await agree.click().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// The page's clock when the whole notebook is first on screen. Written as a string: the
// bench runs under tsx, whose helpers for named functions do not exist in the page.
async function wholeNotebookAt(page: Page, meetings: number): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const check = () => {
      const status = document.querySelector('[data-testid="sync-status"]')?.textContent ?? '';
      if (status === 'Connected to 1 person' && document.querySelectorAll(${JSON.stringify(MEETING_TITLE)}).length === ${meetings}) {
        resolve(performance.timeOrigin + performance.now());
      } else requestAnimationFrame(check);
    };
    check();
  })`);
}

/** Ada joins Sam's one-year circle one `way`; both laptops are fresh copies. */
export async function joinOneYearBy(
  way: DoorJoinResult['way'],
  browser: Browser,
  root: string,
  rendererDir: string,
  made: OneYearCircle,
): Promise<DoorJoinResult> {
  const sam = await laptop(browser, root, `sam-${way.replace(' ', '-')}`, rendererDir, (dir) =>
    cp(made.dataDir, dir, { recursive: true }),
  );
  const ada = await laptop(browser, root, `ada-${way.replace(' ', '-')}`, rendererDir);
  try {
    await agreeingUntil(
      sam.page,
      async () => (await sam.page.locator(MEETING_TITLE).count()) === made.meetings,
    );
    let clicked: number;
    let invited: number;
    if (way === 'door') {
      await sam.page.getByRole('button', { name: 'Let people in' }).click();
      const dialog = sam.page.getByRole('dialog', { name: /^Let people in/ });
      clicked = Date.now();
      await dialog.getByRole('button', { name: 'Open the door' }).click();
      const nickname = (await dialog.getByTestId('door-nickname').textContent()) ?? '';
      await ada.page.getByRole('button', { name: 'Join a circle nearby' }).click();
      const nearby = ada.page.getByRole('dialog', { name: 'Join a circle nearby' });
      await nearby.getByLabel(`Door “${nickname}”`).check({ timeout: JOIN_TIMEOUT_MS });
      await nearby.getByLabel('Your name in this circle').fill('Ada');
      await nearby.getByRole('button', { name: 'Knock' }).click();
      await dialog.getByRole('button', { name: 'Let them in' }).click({ timeout: JOIN_TIMEOUT_MS });
      await nearby
        .getByRole('button', { name: 'Open the circle' })
        .click({ timeout: JOIN_TIMEOUT_MS });
      invited = Date.now();
    } else {
      clicked = Date.now();
      await sam.page.getByRole('button', { name: 'Invite', exact: true }).click();
      const dialog = sam.page.getByRole('dialog', { name: /^Invite someone to/ });
      const link = dialog.getByLabel('Invite link');
      await expect(link).toHaveValue(/^hearth:\/\/join\//);
      const text = await link.inputValue();
      await ada.page.getByRole('button', { name: 'Join a circle…' }).click();
      const join = ada.page.getByRole('dialog', { name: 'Join a circle' });
      await join.getByLabel('Invite').fill(text);
      await join.getByLabel('Your name in this circle').fill('Ada');
      await join.getByRole('button', { name: 'Join the circle' }).click();
      await expect(join).toBeHidden();
      invited = Date.now();
    }
    const arrived = wholeNotebookAt(ada.page, made.meetings);
    await agreeingUntil(
      ada.page,
      async () =>
        (await ada.page.locator(MEETING_TITLE).count()) === made.meetings &&
        (await ada.page.getByTestId('sync-status').textContent()) === 'Connected to 1 person',
    );
    const at = await arrived;
    return { way, wholeNotebookMs: at - clicked, inviteMs: invited - clicked };
  } finally {
    for (const one of [ada, sam]) {
      await one.context.close().catch(() => undefined);
      await one.host.stop();
    }
  }
}
