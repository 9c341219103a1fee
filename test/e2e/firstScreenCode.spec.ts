/**
 * Opening a circle reads only the first screen's code (issue 16): the page fetches the
 * scripts its index.html names and nothing else (no dialog's chunk, no Spanish strings
 * on an English page); a dialog off that screen fetches its own chunk the first time it
 * opens. With the browser-mode host stopped such a chunk cannot come: the dialog says so
 * calmly and the screen stays (what must work with no host, the crisis panel, is in the
 * page's own code: ./crisis.spec.ts).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addMeeting, createCircle, startEntry, waitUntilSaved } from '../helpers/member';

// The scripts a page names: its entry and what it preloads.
function scriptsNamedBy(html: string): Set<string> {
  const named = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)];
  return new Set(named.map((match) => match[1]!));
}

function assetOf(url: string): string {
  return new URL(url).pathname.replace(/^\//, '');
}

async function openSettings(page: Page): Promise<void> {
  const bar = page.getByRole('banner');
  const more = bar.getByRole('button', { name: 'More', exact: true });
  if (await more.isVisible()) {
    await more.click();
    await page.getByRole('menuitem', { name: 'Settings', exact: true }).click();
  } else {
    await bar.getByRole('button', { name: 'Settings', exact: true }).click();
  }
}

test('opening a circle fetches only the scripts the page names; a dialog fetches its own when it opens', async ({
  hearth,
  browser,
}) => {
  const host = await hearth.startHost('ana');
  const first = await hearth.openPage(host);
  await createCircle(first.page, { name: 'Evening circle', memberName: 'Ana' });
  await addMeeting(first.page, { title: 'First meeting' });
  const editor = await startEntry(first.page);
  await editor.pressSequentially('Hello from Ana');
  await waitUntilSaved(first.page);

  // The same laptop opened again in a fresh window: no cache, every script asked for.
  const context = await browser.newContext();
  try {
    const scripts: string[] = [];
    context.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(assetOf(request.url()));
    });
    const again = await hearth.openPage(host, 'ana', context);
    const { page } = again;
    await expect(page.getByRole('heading', { level: 1, name: 'First meeting' })).toBeVisible();
    const opened = page.getByRole('textbox', { name: /^Entry by Ana/ });
    await expect(opened).toHaveText(/Hello from Ana/);
    await expect(opened).toHaveAttribute('contenteditable', 'true');

    const html = await (await context.request.get(host.url)).text();
    const named = scriptsNamedBy(html);
    expect(named.size, 'index.html names its entry script').toBeGreaterThan(0);
    expect(scripts.filter((script) => !named.has(script))).toEqual([]);

    await openSettings(page);
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    expect(
      scripts.filter((script) => !named.has(script)).length,
      'the Settings dialog came in a chunk of its own',
    ).toBeGreaterThan(0);
    expect(again.consoleProblems).toEqual([]);
  } finally {
    await context.close();
  }
});

test('with the host stopped, a dialog not yet loaded says it could not open and the screen stays', async ({
  peer,
}) => {
  const { page } = peer;
  await createCircle(page, { name: 'Evening circle', memberName: 'Ana' });
  await addMeeting(page, { title: 'First meeting' });
  await waitUntilSaved(page);
  expect(await peer.host.stop()).toBe(0);

  await openSettings(page);
  const unavailable = page.getByRole('dialog', { name: "This window couldn't open" });
  await expect(unavailable).toBeVisible();
  await unavailable.getByRole('button', { name: 'Close' }).click();
  await expect(unavailable).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'First meeting' })).toBeVisible();
});
