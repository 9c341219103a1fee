/**
 * Agreements and facilitation end to end, on two laptops linked by real WebRTC: the
 * agreements page stands before the notebook for the founder and for a member who
 * joins; the member list shows who has affirmed; a facilitator's change asks everyone
 * again (gently, with a banner, for someone in the middle of writing); only
 * facilitators can edit; handing the role on moves that power with it.
 */
import type { Page } from '@playwright/test';
import { expect, test, type Peer } from './fixtures';
import {
  addMeeting,
  affirmAgreements,
  createCircle,
  joinByPasting,
  readInvite,
  startEntry,
} from '../helpers/member';

const gateHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Our agreements' });

const meetingsNav = (page: Page) => page.getByRole('navigation', { name: 'Meetings' });

/** One member's row in a laptop's member list. */
const memberRow = (peer: Peer, name: string) =>
  peer.page
    .getByRole('region', { name: 'In the circle' })
    .getByRole('listitem')
    .filter({ has: peer.page.getByText(name, { exact: true }) });

async function openAgreements(page: Page) {
  await page.getByRole('button', { name: 'Agreements', exact: true }).click();
  return page.getByRole('dialog', { name: 'Agreements and facilitation' });
}

/** A facilitator opens the agreements, edits them with `edit` and saves. */
async function editAgreements(page: Page, edit: (current: string) => string): Promise<void> {
  const dialog = await openAgreements(page);
  await dialog.getByRole('button', { name: 'Edit the agreements' }).click();
  const box = dialog.getByLabel('The agreements, one per line');
  await box.fill(edit(await box.inputValue()));
  await dialog.getByRole('button', { name: 'Save and ask everyone to affirm' }).click();
  await expect(dialog.getByRole('button', { name: 'Edit the agreements' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
}

async function twoLaptops(hearth: {
  openPeer: (name: string) => Promise<Peer>;
}): Promise<{ ana: Peer; ben: Peer; link: string }> {
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  await createCircle(ana.page, { name: 'Lantern circle', memberName: 'Ana' });
  const { link } = await readInvite(ana.page);
  return { ana, ben, link };
}

test('members affirm the agreements before the notebook opens, and again when a facilitator changes them', async ({
  hearth,
}) => {
  const ana = await hearth.openPeer('ana');
  const ben = await hearth.openPeer('ben');
  await ben.page.emulateMedia({ colorScheme: 'dark' });

  // The founder chose the template, and affirms it too, before the notebook opens.
  await createCircle(ana.page, { name: 'Lantern circle', memberName: 'Ana', affirm: false });
  await expect(gateHeading(ana.page)).toBeFocused();
  await expect(ana.page.getByRole('list', { name: /^The agreements/ })).toContainText(
    'We listen without fixing.',
  );
  await expect(meetingsNav(ana.page)).toHaveCount(0);
  await ana.page.screenshot({ path: test.info().outputPath('gate-light.png') });
  await affirmAgreements(ana.page);

  // A meeting from a template: its prompts and opening words.
  await addMeeting(ana.page, { title: 'First evening', theme: 'Weekly sharing circle' });
  const opening = ana.page.getByRole('region', { name: 'Opening' });
  await expect(opening).toContainText('For the next while this room belongs to all of us.');
  await expect(opening).toContainText('About 3 minutes a turn');
  await expect(ana.page.getByText('What are you taking with you from tonight?')).toBeVisible();
  const { link } = await readInvite(ana.page);

  // Ben joins: the agreements come before anything of the notebook.
  await joinByPasting(ben.page, link, 'Ben', { affirm: false });
  await expect(gateHeading(ben.page)).toBeVisible({ timeout: 90_000 });
  await expect(ben.page.getByText('Before the notebook of Lantern circle opens')).toBeVisible();
  await expect(meetingsNav(ben.page)).toHaveCount(0);
  await expect(ben.page.getByText('First evening')).toHaveCount(0);
  await expect(ben.page.getByText('For the next while this room')).toHaveCount(0);
  await expect(memberRow(ana, 'Ben')).toContainText('Not yet affirmed');
  await ben.page.screenshot({ path: test.info().outputPath('gate-dark.png') });
  await affirmAgreements(ben.page);
  await expect(ben.page.getByRole('heading', { level: 1, name: 'First evening' })).toBeVisible();
  await expect(ben.page.getByRole('region', { name: 'Opening' })).toBeVisible();

  // Both member lists show both affirmed, and Ana as the facilitator.
  for (const peer of [ana, ben]) {
    await expect(memberRow(peer, 'Ana')).toContainText('Affirmed the agreements');
    await expect(memberRow(peer, 'Ben')).toContainText('Affirmed the agreements');
    await expect(memberRow(peer, 'Ana')).toContainText('Facilitator');
    await expect(memberRow(peer, 'Ben')).not.toContainText('Facilitator');
  }

  // Ben reads the agreements but has no way to edit them, or to hand on a role.
  const benAgreements = await openAgreements(ben.page);
  await expect(benAgreements.getByText('We listen without fixing.')).toBeVisible();
  await expect(benAgreements.getByRole('button', { name: 'Edit the agreements' })).toHaveCount(0);
  await expect(benAgreements.getByRole('button', { name: /role/ })).toHaveCount(0);
  await expect(
    benAgreements.getByText('Only a facilitator can change the agreements.'),
  ).toBeVisible();
  await benAgreements.getByRole('button', { name: 'Done' }).click();

  // Ben is writing when Ana changes the agreements: a banner, and his words stay.
  const editor = await startEntry(ben.page);
  await ben.page.keyboard.type('Ben was writing when the agreements changed. ');
  await editAgreements(ana.page, (text) => `${text}\nWe begin and end on time.`);
  await expect(memberRow(ana, 'Ana')).toContainText('Affirmed the agreements');
  await expect(memberRow(ana, 'Ben')).toContainText('Not yet affirmed');
  const banner = ben.page.getByRole('status', { name: 'The agreements changed' });
  await expect(banner).toContainText('The circle’s agreements changed');
  await expect(editor).toBeFocused();
  await ben.page.keyboard.type('And kept writing.');
  await ben.page.screenshot({ path: test.info().outputPath('banner-dark.png') });
  await banner.getByRole('button', { name: 'Read the agreements' }).click();
  await expect(gateHeading(ben.page)).toBeVisible();
  await expect(ben.page.getByText('have changed since you last affirmed them')).toBeVisible();
  await expect(ben.page.getByRole('list', { name: 'The agreements, version 2' })).toContainText(
    'We begin and end on time.',
  );
  await expect(meetingsNav(ben.page)).toHaveCount(0);
  await affirmAgreements(ben.page);
  await expect(ben.page.getByRole('textbox', { name: /^Entry by/ }).first()).toContainText(
    'Ben was writing when the agreements changed. And kept writing.',
  );
  await expect(memberRow(ana, 'Ben')).toContainText('Affirmed the agreements');

  // When Ben is not writing, a change brings the agreements page straight back.
  await ben.page.getByRole('heading', { level: 1, name: 'First evening' }).click();
  await editAgreements(ana.page, (text) => text.replace('We begin and end on time.', ''));
  await expect(gateHeading(ben.page)).toBeVisible();
  await expect(meetingsNav(ben.page)).toHaveCount(0);
  await affirmAgreements(ben.page);
  await expect(memberRow(ben, 'Ben')).toContainText('Affirmed the agreements');
});

test('a facilitator hands the role on: the new facilitator can edit the agreements, the former cannot', async ({
  hearth,
}) => {
  const { ana, ben, link } = await twoLaptops(hearth);
  await joinByPasting(ben.page, link, 'Ben');

  const dialog = await openAgreements(ana.page);
  await expect(dialog.getByLabel('Member')).toHaveValue(/.+/);
  await dialog.getByRole('button', { name: 'Hand the role on' }).click();
  const confirm = ana.page.getByRole('dialog', { name: 'Hand the role on to Ben?' });
  await expect(confirm).toContainText('you step down');
  await ana.page.screenshot({ path: test.info().outputPath('hand-on-light.png') });
  await confirm.getByRole('button', { name: 'Hand the role on' }).click();
  await expect(confirm).toBeHidden();
  await expect(dialog.getByRole('button', { name: 'Edit the agreements' })).toHaveCount(0);
  await expect(dialog.getByRole('list', { name: 'Facilitators' })).toHaveText('Ben');
  await dialog.getByRole('button', { name: 'Done' }).click();
  for (const peer of [ana, ben]) {
    await expect(memberRow(peer, 'Ben')).toContainText('Facilitator');
    await expect(memberRow(peer, 'Ana')).not.toContainText('Facilitator');
  }

  // Ben, now the facilitator, changes the agreements; Ana is asked to affirm them.
  await editAgreements(ben.page, () => 'We listen.\nWe keep what is said here.');
  await expect(gateHeading(ana.page)).toBeVisible();
  await expect(ana.page.getByRole('list', { name: 'The agreements, version 2' })).toHaveText(
    /We listen\.\s*We keep what is said here\./,
  );
  await affirmAgreements(ana.page);
  const anaAgreements = await openAgreements(ana.page);
  await expect(anaAgreements.getByText('Version 2, written by Ben')).toBeVisible();
  await expect(anaAgreements.getByText('Affirmed by 2 of 2 members.')).toBeVisible();
  await expect(anaAgreements.getByRole('button', { name: 'Edit the agreements' })).toHaveCount(0);
});
