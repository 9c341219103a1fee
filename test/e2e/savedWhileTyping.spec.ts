/**
 * Someone typing without a pause still sees that their words are saved. Every write
 * reaches the disk within a fraction of a second, so the status line must say "Saved"
 * (· just now) throughout, not "Saving…" for as long as the typing lasts.
 *
 * The page itself samples the status line (a MutationObserver plus a 50 ms poll), so the
 * test reads what a member could have seen, second by second, without timing anything.
 */
import { expect, test } from './fixtures';
import { addMeeting, createCircle, startEntry } from '../helpers/member';

const TYPING_MS = 10_000;

test('the status line says saved at least once a second while someone types for 10 s', async ({
  peer,
}) => {
  test.setTimeout(180_000);
  const { page } = peer;
  await createCircle(page, { name: 'Evening circle', memberName: 'Ana' });
  await addMeeting(page, { title: 'Thursday gathering' });
  await startEntry(page);
  await page.evaluate(() => {
    const seen: { at: number; text: string }[] = [];
    Object.defineProperty(globalThis, '__statusSamples', { value: seen });
    const look = (): void => {
      const text = document.querySelector('[data-testid="save-status"]')?.textContent ?? '';
      seen.push({ at: performance.now(), text });
    };
    new MutationObserver(look).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    setInterval(look, 50);
  });

  const began = await page.evaluate(() => performance.now());
  const words = 'we sat together and listened to each other without fixing anything '.split(' ');
  let ended = began;
  for (let word = 0; ended - began < TYPING_MS; word++) {
    await page.keyboard.type(`${words[word % words.length]} `, { delay: 20 });
    ended = await page.evaluate(() => performance.now());
  }

  const samples = await page.evaluate(
    () =>
      (globalThis as unknown as { __statusSamples: { at: number; text: string }[] })
        .__statusSamples,
  );
  const seconds: string[] = [];
  // Each whole second of typing after the first: was "Saved" on the line at some point?
  for (let from = began + 1000; from + 1000 <= ended; from += 1000) {
    const inSecond = samples.filter((sample) => sample.at >= from && sample.at < from + 1000);
    const saved = inSecond.some((sample) => sample.text.startsWith('Saved'));
    seconds.push(
      `${Math.round((from - began) / 1000)}s: ${saved ? 'saved' : [...new Set(inSecond.map((s) => s.text))].join(' / ')}`,
    );
  }
  console.log(
    `status line while typing for ${Math.round((ended - began) / 1000)} s: ${seconds.join(', ')}`,
  );
  expect(seconds.length).toBeGreaterThanOrEqual(8);
  expect(seconds.filter((second) => !second.endsWith('saved'))).toEqual([]);
  expect(peer.consoleProblems).toEqual([]);
});
