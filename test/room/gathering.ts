/**
 * The opening of the meeting, done on screen as members do it (steps from
 * test/e2e/member.ts): the founder makes the circle and the meeting and shows the
 * invite; the others paste it in and affirm the agreements; everyone starts an entry of
 * their own; members react to each other's entries.
 */
import { expect } from '@playwright/test';
import { inviteLink, parseInvite } from '../../shared/sync/invite';
import {
  addMeeting,
  createCircle,
  joinByPasting,
  readInvite,
  shareDraft,
  startDraft,
} from '../e2e/member';
import type { Laptop } from './laptop';
import type { MeetingPlan } from './plan';
import { entryEditor } from './typing';

/** The founder's invite, and the same invite with its addresses taken out. */
export interface Invites {
  /** Names the founder's endpoint addresses (ws://10.77.0.1:4455 …). */
  withAddresses: string;
  /** Names no address: only mDNS can bring a laptop holding it into the room. */
  withoutAddresses: string;
  /** The addresses the first one names. */
  addresses: readonly string[];
}

/** The founder makes the circle and the meeting, starts an entry, and reads the invite. */
export async function foundCircle(founder: Laptop, plan: MeetingPlan): Promise<Invites> {
  await createCircle(founder.page, { name: plan.circleName, memberName: founder.name });
  await addMeeting(founder.page, { title: plan.meetingTitle });
  await startOwnEntry(founder);
  const { link } = await readInvite(founder.page);
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
  await joinByPasting(laptop.page, invite, laptop.name);
  await openTheMeeting(laptop, plan);
  await startOwnEntry(laptop);
}

/**
 * Writes a draft and shares it at once, then finds the entry by its byline: not by its
 * place in the list, because a laptop whose clock is behind files its entry earlier.
 */
export async function startOwnEntry(laptop: Laptop): Promise<void> {
  await startDraft(laptop.page);
  await shareDraft(laptop.page);
  await expect(entryEditor(laptop.page, laptop.name)).toBeVisible();
}

/** Makes sure the meeting is the one on screen (a joiner may land elsewhere). */
export async function openTheMeeting(laptop: Laptop, plan: MeetingPlan): Promise<void> {
  const heading = laptop.page.getByRole('heading', { level: 1, name: plan.meetingTitle });
  if (await heading.isVisible()) return;
  await laptop.page
    .getByRole('navigation', { name: 'Meetings' })
    .getByRole('button', { name: new RegExp(plan.meetingTitle) })
    .click({ timeout: 30_000 });
  await expect(heading).toBeVisible();
}

/** The circle's reactions, in the order the reaction bar shows them. */
const REACTION_LABELS = [/been there too/, /Thank you for sharing/, /Sending strength/] as const;

/** A member reacts to another member's entry. */
export async function react(laptop: Laptop, toAuthor: string, kind: number): Promise<void> {
  const entry = laptop.page.getByRole('region', { name: toAuthor, exact: true });
  const button = entry.getByRole('button', {
    name: REACTION_LABELS[kind % REACTION_LABELS.length]!,
  });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}
