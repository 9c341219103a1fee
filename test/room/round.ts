/**
 * The facilitator runs a round: starts it from the meeting, and the talking piece goes
 * around — each member, when it is their turn, either writes their check-in into their
 * own entry and the facilitator moves on, or passes. At every turn all screens must
 * agree on who holds the talking piece (the speaker's own screen says "Your turn to
 * speak"), even on the laptop whose clock is minutes off.
 */
import { expect, type Page } from '@playwright/test';
import { STEP_TIMEOUT_MS } from './gathering';
import type { Laptop } from './laptop';
import type { MeetingPlan } from './plan';
import { typePhrase, type PhraseLedger } from './typing';

const EVERYONE_SPOKE = 'Everyone has had a turn';
const wait = { timeout: STEP_TIMEOUT_MS };
const YOUR_TURN = 'Your turn to speak';

const roundCard = (page: Page) => page.getByRole('region', { name: 'Check-in round' });
const speakerLine = (page: Page) => roundCard(page).getByTestId('round-speaker');

// Who holds the talking piece, as every screen agrees; throws (after retrying) if not.
async function currentSpeaker(room: readonly Laptop[]): Promise<Laptop | 'everyone spoke'> {
  let seen: string[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    seen = await Promise.all(room.map((laptop) => speakerLine(laptop.page).innerText()));
    if (seen.every((line) => line === EVERYONE_SPOKE)) return 'everyone spoke';
    const speakers = room.filter((_, i) => seen[i] === YOUR_TURN);
    const speaker = speakers[0];
    const agreed =
      speakers.length === 1 &&
      speaker !== undefined &&
      seen.every((line, i) => room[i] === speaker || line === `${speaker.name} is speaking`);
    if (agreed) return speaker;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the screens disagree on whose turn it is: ${JSON.stringify(seen)}`);
}

/** Runs one round around the room; returns how many turns were spoken and passed. */
export async function runRound(
  facilitator: Laptop,
  room: readonly Laptop[],
  plan: MeetingPlan,
  ledger: PhraseLedger,
): Promise<{ spoke: number; passed: number }> {
  const page = facilitator.page;
  await page.getByRole('button', { name: 'Start a round' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a round' });
  await dialog.getByRole('button', { name: 'Start the round' }).click();
  await expect(dialog).toBeHidden(wait);
  for (const laptop of room) await expect(roundCard(laptop.page)).toBeVisible(wait);

  const tally = { spoke: 0, passed: 0 };
  for (let turn = 0; turn <= room.length; turn++) {
    const speaker = await currentSpeaker(room);
    if (speaker === 'everyone spoke') break;
    const before = await speakerLine(page).innerText();
    if (plan.roundPasses[turn] === true) {
      await roundCard(speaker.page).getByRole('button', { name: 'Pass' }).click();
      tally.passed++;
    } else {
      const words = ledger.next();
      await typePhrase(
        speaker.page,
        {
          laptop: speaker.options.seat.index,
          author: speaker.name,
          during: `round turn ${turn + 1}`,
        },
        words,
        { keyDelayMs: 15, wordPauseMs: 0 },
        ledger,
      );
      await roundCard(page).getByRole('button', { name: 'Next' }).click();
      tally.spoke++;
    }
    await expect(speakerLine(page)).not.toHaveText(before, wait);
  }
  if ((await currentSpeaker(room)) !== 'everyone spoke') throw new Error('the round never ended');
  await roundCard(page).getByRole('button', { name: 'End round' }).click();
  for (const laptop of room) await expect(roundCard(laptop.page)).toHaveCount(0, wait);
  return tally;
}
