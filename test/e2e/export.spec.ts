/**
 * Export and backup end to end, in browser mode:
 * - the HTML booklet opens with no network (every request that is not file: or data:
 *   is refused and counted: there must be none) and passes an axe check; printed to PDF
 *   by Chromium and read back with pdftotext, it holds the expected entries in order;
 * - a member exports from the dialog (a download) and finds their words in the file;
 * - a member backs a circle up, and another laptop restores it from the file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { buildExport } from '../../shared/export/buildExport';
import { DEFAULT_EXPORT_OPTIONS } from '../../shared/export/exportOptions';
import { ALLOWED, FORBIDDEN, makeExportTestCircle } from '../helpers/exportCircle';
import { pdfText } from '../helpers/pdfPrinting';
import { expect, test } from './fixtures';
import { makeNotebook } from '../helpers/storedNotebook';

const PASSPHRASE = 'kettle lantern harbour';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// A notebook written to disk before the test opens straight away: its founder is not
// asked to affirm agreements again.
async function openKeepMenu(page: Page, item: string): Promise<void> {
  await page.getByText('Keep & share', { exact: true }).click();
  await page.getByRole('button', { name: item }).click();
}

test('the booklet opens with no network, passes axe, and prints its entries in order', async ({
  page,
}, testInfo) => {
  const built = await buildExport(makeExportTestCircle().source, 'html', DEFAULT_EXPORT_OPTIONS);
  if (built.kind !== 'files') throw new Error('expected a file');
  const path = testInfo.outputPath('booklet.html');
  await writeFile(path, built.files[0]!.contents);

  const requests: string[] = [];
  await page.context().route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(`file://${path}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thursday <Circle> & friends');
  expect(requests, 'requests the booklet made').toEqual([]);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `booklet, ${scheme}`).toEqual([]);
  }

  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  const text = (
    await pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }))
  ).replace(/\s+/g, ' ');
  const order = [
    ALLOWED.ana,
    ALLOWED.ben,
    ALLOWED.anonymous,
    ALLOWED.anonymousStray,
    ALLOWED.later,
  ];
  const at = order.map((phrase) => text.indexOf(phrase));
  expect(
    at.every((i) => i >= 0),
    `every entry is in the PDF: ${at.join(', ')}`,
  ).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  for (const phrase of Object.values(FORBIDDEN)) expect(text).not.toContain(phrase);
  expect(requests).toEqual([]);
});

test('a member exports their circle from the dialog and finds their words in the download', async ({
  hearth,
}, testInfo) => {
  let made: Awaited<ReturnType<typeof makeNotebook>> | null = null;
  const host = await hearth.startHost('ana', async (dataDir) => {
    made = await makeNotebook(dataDir, {
      meetings: 3,
      entriesPerMeeting: 2,
      entryChars: 300,
      memberName: 'Ana',
    });
  });
  const { page } = await hearth.openPage(host);
  await openKeepMenu(page, 'Export…');
  const dialog = page.getByRole('dialog', { name: /^Export / });
  expect(await seriousViolations(page), 'export dialog').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('export-dialog.png') });
  await dialog.getByLabel('Markdown, one file', { exact: true }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('a-year-of-thursdays.md');
  const text = await readFile(await download.path(), 'utf8');
  expect(text).toContain(made!.firstPhrase);
  expect(text).toContain(made!.lastPhrase);
  expect(text).toContain('### By Ana');
  await expect(dialog.getByRole('status')).toHaveText('Your export has been downloaded.');
});

test('a circle backed up on one laptop is restored on another', async ({ hearth }, testInfo) => {
  const home = await hearth.startHost('ana', async (dataDir) => {
    await makeNotebook(dataDir, {
      meetings: 2,
      entriesPerMeeting: 2,
      entryChars: 200,
      memberName: 'Ana',
    });
  });
  const { page } = await hearth.openPage(home);
  await openKeepMenu(page, 'Back up this circle…');
  const dialog = page.getByRole('dialog', { name: /^Back up / });
  await dialog.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await dialog.getByLabel('The passphrase again').fill(PASSPHRASE);
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Make the backup' }).click();
  const download = await downloading;
  const backupPath = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(backupPath);
  expect(download.suggestedFilename()).toMatch(
    /^a-year-of-thursdays-\d{4}-\d{2}-\d{2}\.hearthbackup$/,
  );

  const other = await hearth.openPeer('ben');
  await other.page.getByRole('button', { name: 'Restore a circle…' }).click();
  const restore = other.page.getByRole('dialog', { name: 'Restore a circle' });
  await restore.getByLabel('Backup file').setInputFiles(backupPath);
  await restore.getByLabel('Passphrase').fill('the wrong words entirely');
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(restore.getByRole('alert')).toContainText(
    'That passphrase does not open this backup. Nothing was changed.',
  );
  await restore.getByLabel('Passphrase').fill(PASSPHRASE);
  await restore.getByRole('button', { name: 'Restore' }).click();
  await expect(restore).toBeHidden();
  await expect(other.page.getByRole('button', { name: /A year of Thursdays/ })).toBeVisible();
});
