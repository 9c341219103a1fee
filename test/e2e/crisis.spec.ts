/**
 * "Need support now?" with the network off: the page's context is offline and its
 * host process is stopped, so nothing at all answers, not even this laptop. The panel
 * must still open, from the welcome screen and from a circle, with the lines of the
 * member's region, because they are bundled with the app. Plus an axe check of the
 * panel in both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type Peer } from './fixtures';
import { addMeeting, createCircle, waitUntilSaved } from '../helpers/member';

async function cutOff(peer: Peer): Promise<string[]> {
  const asked: string[] = [];
  peer.page.on('request', (request) => asked.push(request.url()));
  await peer.context.setOffline(true);
  expect(await peer.host.stop()).toBe(0);
  return asked;
}

function panel(page: Page) {
  return page.getByRole('dialog', { name: 'Need support now?' });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include('dialog[open]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(', ')}`);
}

test('the crisis panel opens from the welcome screen with no network and no host', async ({
  peer,
}) => {
  const { page } = peer;
  await expect(page.getByRole('heading', { name: 'Welcome to Hearth' })).toBeVisible();
  const asked = await cutOff(peer);

  await page.getByRole('button', { name: 'Need support now?' }).click();
  const dialog = panel(page);
  await expect(dialog).toBeVisible();
  // The browser's locale is en-US: the United States' lines, and 911 for danger.
  await expect(dialog.getByLabel('Where you are')).toHaveValue('US');
  await expect(dialog.getByText('If you are in immediate danger, call 911.')).toBeVisible();
  await expect(
    dialog.getByRole('heading', { name: '988 Suicide & Crisis Lifeline' }),
  ).toBeVisible();
  await expect(dialog.getByRole('link', { name: 'Call 988' })).toHaveAttribute('href', 'tel:988');
  await expect(dialog.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', 'sms:988');

  // Another region, chosen while nothing can save it: the panel follows at once.
  await dialog.getByLabel('Where you are').selectOption('GB');
  await expect(dialog.getByRole('heading', { name: 'Samaritans' })).toBeVisible();
  await expect(dialog.getByRole('link', { name: 'Call 116 123' })).toHaveAttribute(
    'href',
    'tel:116123',
  );
  await expect(dialog.getByText('If you are in immediate danger, call 999.')).toBeVisible();
  await dialog.getByLabel('Where you are').selectOption('IE');
  await expect(dialog.getByText('If you are in immediate danger, call 112 or 999.')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Need support now?' })).toBeFocused();
  // Nothing was fetched for the panel: the only requests were the bridge trying again.
  expect(asked.filter((url) => !url.endsWith('/bridge'))).toEqual([]);
});

test('in a circle, the panel works offline and holds the circle’s own lines', async ({ peer }) => {
  const { page } = peer;
  await createCircle(page, { name: 'Harbour circle', memberName: 'Robin' });
  await addMeeting(page, { title: 'Arriving' });
  await waitUntilSaved(page);
  await cutOff(peer);

  await page.getByRole('button', { name: 'Need support now?' }).click();
  const dialog = panel(page);
  await expect(
    dialog.getByRole('heading', { name: '988 Suicide & Crisis Lifeline' }),
  ).toBeVisible();
  const circleLines = dialog.getByRole('region', { name: 'From your circle' });
  await expect(circleLines.getByText('No lines added yet.', { exact: false })).toBeVisible();

  await circleLines.getByRole('button', { name: 'Add a line for the circle' }).click();
  await circleLines.getByLabel('Name of the service').fill('Harbour warm line');
  await circleLines.getByLabel('Phone number').fill('call us');
  await circleLines.getByRole('button', { name: 'Save for the circle' }).click();
  await expect(circleLines.getByRole('alert')).toHaveText(
    'Please write the number with digits, like 0800 123 456.',
  );
  await circleLines.getByLabel('Phone number').fill('0800 555 0199');
  await circleLines.getByLabel('When it is open, who answers (optional)').fill('Evenings 6–11');
  await circleLines.getByRole('button', { name: 'Save for the circle' }).click();
  await expect(circleLines.getByRole('heading', { name: 'Harbour warm line' })).toBeVisible();
  await expect(circleLines.getByRole('link', { name: 'Call 0800 555 0199' })).toHaveAttribute(
    'href',
    'tel:08005550199',
  );

  await circleLines.getByRole('button', { name: 'Remove Harbour warm line' }).click();
  await circleLines.getByRole('button', { name: 'Yes, remove it for everyone' }).click();
  await expect(circleLines.getByRole('heading', { name: 'Harbour warm line' })).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the crisis panel has no serious accessibility problems in the ${scheme} theme`, async ({
    peer,
  }) => {
    const { page } = peer;
    await page.emulateMedia({ colorScheme: scheme });
    await createCircle(page, { name: 'Harbour circle', memberName: 'Robin' });
    await page.getByRole('button', { name: 'Need support now?' }).click();
    await expect(panel(page)).toBeVisible();
    await panel(page).getByRole('button', { name: 'Add a line for the circle' }).click();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
