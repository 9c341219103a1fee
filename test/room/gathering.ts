/**
 * The opening of the meeting, done on screen as members do it: the founder makes the
 * circle and the meeting and shows the invite; the others paste it in and affirm the
 * agreements; everyone starts an entry of their own; members react to each other's
 * entries. The same steps as test/e2e/member.ts, with waits long enough for a 2-core
 * machine running a whole room (outside Playwright's runner every wait is 5 s).
 */
import { expect, type Page } from '@playwright/test';
import { inviteLink, parseInvite } from '../../shared/sync/invite';
import type { Laptop } from './laptop';
import type { MeetingPlan } from './plan';
import { entryEditor } from './typing';

/** How long one step on screen may take (a click answered, a dialog closed). */
export const STEP_TIMEOUT_MS = 30_000;
/** How long a joiner may wait for the notebook to arrive from the room. */
const ARRIVAL_TIMEOUT_MS = 90_000;
const wait = { timeout: STEP_TIMEOUT_MS };

/** The founder's invite, and the same invite with its addresses taken out. */
export interface Invites {
  /** Names the founder's endpoint addresses (ws://10.77.0.1:4455 …). */
  withAddresses: string;
  /** Names no address: only mDNS can bring a laptop holding it into the room. */
  withoutAddresses: string;
  /** The addresses the first one names. */
  addresses: readonly string[];
}

async function affirmAgreements(page: Page, timeout: number): Promise<void> {
  const agree = page.getByRole('button', { name: 'I agree to hold these agreements' });
  await expect(page.getByRole('heading', { level: 1, name: 'Our agreements' })).toBeVisible({
    timeout,
  });
  await agree.click();
  await expect(agree).toBeHidden(wait);
}

/** The founder makes the circle and the meeting, starts an entry, and reads the invite. */
export async function foundCircle(founder: Laptop, plan: MeetingPlan): Promise<Invites> {
  const page = founder.page;
  await page.getByLabel('Circle name').fill(plan.circleName);
  await page.getByLabel('Your name in this circle').fill(founder.name);
  await page.getByRole('button', { name: 'Create circle' }).click();
  await affirmAgreements(page, STEP_TIMEOUT_MS);

  await page
    .getByRole('navigation', { name: 'Meetings' })
    .getByRole('button', { name: 'New meeting' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'New meeting' });
  await dialog.getByLabel('Title').fill(plan.meetingTitle);
  await dialog.getByRole('button', { name: 'Add meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: plan.meetingTitle })).toBeVisible(wait);
  await startOwnEntry(founder);

  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const inviteDialog = page.getByRole('dialog', { name: /^Invite someone to/ });
  const linkBox = inviteDialog.getByLabel('Invite link');
  await expect(linkBox).toHaveValue(/^hearth:\/\/join\//, wait);
  const link = await linkBox.inputValue();
  await inviteDialog.getByRole('button', { name: 'Done' }).click();

  const parsed = parseInvite(link);
  if (!parsed.ok) throw new Error(`the founder's invite does not read: ${parsed.reason}`);
  const bare = inviteLink({ ...parsed.value, endpoints: [] });
  if (!bare.ok) throw new Error(`an invite without addresses could not be made: ${bare.reason}`);
  return { withAddresses: link, withoutAddresses: bare.value, addresses: parsed.value.endpoints };
}

/**
 * A member pastes the invite, waits for the notebook to arrive over WebRTC, affirms the
 * agreements, opens the meeting and starts an entry of their own.
 */
export async function joinAndStartEntry(
  laptop: Laptop,
  invite: string,
  plan: MeetingPlan,
): Promise<void> {
  const page = laptop.page;
  await page.getByRole('button', { name: 'Join a circle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join a circle' });
  await dialog.getByLabel('Invite').fill(invite);
  await expect(dialog.getByTestId('safety-code')).not.toBeEmpty(wait);
  await dialog.getByLabel('Your name in this circle').fill(laptop.name);
  await dialog.getByRole('button', { name: 'Join the circle' }).click();
  await expect(dialog).toBeHidden(wait);
  // The agreements arrive with the notebook, from a laptop already in the room.
  await affirmAgreements(page, ARRIVAL_TIMEOUT_MS);
  await openTheMeeting(laptop, plan);
  await startOwnEntry(laptop);
}

/** Makes sure the meeting is the one on screen (a joiner may land elsewhere). */
export async function openTheMeeting(laptop: Laptop, plan: MeetingPlan): Promise<void> {
  const heading = laptop.page.getByRole('heading', { level: 1, name: plan.meetingTitle });
  if (await heading.isVisible()) return;
  await laptop.page
    .getByRole('navigation', { name: 'Meetings' })
    .getByRole('button', { name: new RegExp(plan.meetingTitle) })
    .click({ timeout: ARRIVAL_TIMEOUT_MS });
  await expect(heading).toBeVisible(wait);
}

/**
 * Writes a draft and shares it at once, then finds the entry by its byline: not by its
 * place in the list, because a laptop whose clock is behind files its entry earlier.
 */
export async function startOwnEntry(laptop: Laptop): Promise<void> {
  const page = laptop.page;
  await page.getByRole('button', { name: 'Write an entry' }).click();
  const draft = page.getByRole('region', { name: 'Your private draft' });
  await expect(draft.getByRole('textbox', { name: 'Your private draft' })).toBeFocused(wait);
  await draft.getByRole('button', { name: 'Share with the circle' }).click();
  await expect(draft).toHaveCount(0, wait);
  await expect(entryEditor(page, laptop.name)).toBeVisible(wait);
  // The room co-writes: each member invites the whole circle into their entry
  // (shared/notebook/WRITING.md: an entry's words are otherwise its author's).
  const entry = page.getByRole('region', { name: ownEntryName(laptop.name) }).first();
  await entry.getByRole('button', { name: 'Who writes with you' }).click();
  await entry.getByRole('checkbox', { name: 'The whole circle', exact: true }).check();
}

/** An entry card's name: its author, then "with" whoever wrote in it too. */
function ownEntryName(author: string): RegExp {
  return new RegExp(`^${author}( with .*)?$`);
}

/** The circle's reactions, in the order the reaction bar shows them. */
const REACTION_LABELS = [/been there too/, /Thank you for sharing/, /Sending strength/] as const;

/** A member reacts to another member's entry. */
export async function react(laptop: Laptop, toAuthor: string, kind: number): Promise<void> {
  const entry = laptop.page.getByRole('region', { name: ownEntryName(toAuthor) });
  const label = REACTION_LABELS[kind % REACTION_LABELS.length]!;
  const button = entry.getByRole('button', { name: label });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true', wait);
}
