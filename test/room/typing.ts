/**
 * What members type during the meeting: seeded phrases (some with accented letters, so
 * the capture is searched for real UTF-8), typed key by key into an entry the way a
 * person does, word by word with small pauses, and written down in a ledger so the
 * checks know every phrase that must appear on every laptop and must not appear on the
 * wire.
 */
import type { Page } from '@playwright/test';
import { caretToEnd } from '../helpers/caret';
import type { SeededRandom } from '../helpers/seededRandom';

export { caretToEnd };

const WORDS = [
  'kettle',
  'lantern',
  'harbour',
  'morning',
  'quiet',
  'thursday',
  'garden',
  'letter',
  'window',
  'river',
  'blanket',
  'sister',
  'candle',
  'walking',
  'patience',
  'bread',
  'winter',
  'promise',
  'stairs',
  'courage',
  'orchard',
  'shoulder',
  'evening',
  'wool',
] as const;
// Non-ASCII on purpose: a phrase must be searched for in its UTF-8 bytes.
const ACCENTED = ['café', 'naïve', 'façade', 'jalapeño', 'crème', 'smørrebrød', 'über'] as const;
const TAG_LETTERS = 'bcdfghjkmnpqrstvwxz';

/** One phrase a member typed. */
export interface TypedPhrase {
  phrase: string;
  /** The laptop (1-based) whose member typed it. */
  laptop: number;
  /** The byline of the entry it went into. */
  entry: string;
  /** When typing began and ended (harness clock, ms). */
  startedAt: number;
  endedAt: number;
  /** What the meeting was doing (for logs). */
  during: string;
}

/** Every phrase typed in the meeting, in order. */
export class PhraseLedger {
  readonly phrases: TypedPhrase[] = [];
  private count = 0;

  constructor(private readonly random: SeededRandom) {}

  /** A new phrase: four words, an accented one now and then, and a unique tag. */
  next(): string {
    const words = Array.from({ length: 4 }, () => this.random.pick(WORDS) as string);
    if (this.random.chance(0.5)) words[this.random.int(0, 3)] = this.random.pick(ACCENTED);
    let tag = '';
    for (let i = 0; i < 4; i++)
      tag += TAG_LETTERS.charAt(this.random.int(0, TAG_LETTERS.length - 1));
    this.count++;
    return `${words.join(' ')} ${tag}${this.count}`;
  }

  /** Records a typed phrase. */
  add(phrase: TypedPhrase): void {
    this.phrases.push(phrase);
  }
}

/** How to type one phrase. */
export interface TypingStyle {
  /** Delay between keys, ms. */
  keyDelayMs: number;
  /** Pause after each word, ms (lets the status line reach "Saved" mid-phrase). */
  wordPauseMs: number;
}

/** The editor of the entry whose byline is `author`. */
export function entryEditor(page: Page, author: string) {
  return page.getByRole('textbox', { name: `Entry by ${author}`, exact: true });
}

/**
 * Types `phrase` as a new paragraph at the end of `author`'s entry on `page`, word by
 * word, and records it in `ledger` once typed.
 */
export async function typePhrase(
  page: Page,
  target: { laptop: number; author: string; during: string },
  phrase: string,
  style: TypingStyle,
  ledger: PhraseLedger,
): Promise<void> {
  const startedAt = Date.now();
  await caretToEnd(page, entryEditor(page, target.author));
  // Every phrase gets a paragraph of its own: two members typing at the end of one
  // paragraph at once would interleave their letters, and the phrase could not be found.
  await page.keyboard.press('Enter');
  const words = phrase.split(' ');
  for (const [index, word] of words.entries()) {
    await page.keyboard.type(index === words.length - 1 ? word : `${word} `, {
      delay: style.keyDelayMs,
    });
    if (style.wordPauseMs > 0) await page.waitForTimeout(style.wordPauseMs);
  }
  ledger.add({
    phrase,
    laptop: target.laptop,
    entry: target.author,
    startedAt,
    endedAt: Date.now(),
    during: target.during,
  });
}
