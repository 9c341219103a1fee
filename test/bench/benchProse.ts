/**
 * Seeded prose for the benchmark's circle: entries of about 400 words in the voice of a
 * peer-support circle, as a plan of blocks (paragraphs, headings, lists, quotes) whose
 * text is split into runs, some bold or italic. The same seed gives the same entries.
 */
import type { SeededRandom } from '../helpers/seededRandom';

/** A stretch of text in one format. */
export interface ProseRun {
  text: string;
  bold: boolean;
  italic: boolean;
}

/** One block of an entry, as it will be typed. */
export type ProseBlock =
  | { kind: 'paragraph'; runs: ProseRun[] }
  | { kind: 'heading'; tag: 'h2' | 'h3'; runs: ProseRun[] }
  | { kind: 'quote'; runs: ProseRun[] }
  | { kind: 'list'; listType: 'bullet' | 'number'; items: ProseRun[][] };

const OPENERS = [
  'This week',
  'Since we last met',
  'Honestly',
  'Most days',
  'On Tuesday',
  'Last night',
  'For a while now',
  'When I woke up today',
  'Sitting here',
  'Looking back',
];
const SUBJECTS = [
  'I',
  'my sister',
  'the group',
  'my body',
  'the old habit',
  'my counsellor',
  'a friend from work',
  'my neighbour',
  'the quiet part of me',
  'my son',
];
const VERBS = [
  'noticed',
  'felt',
  'carried',
  'let go of',
  'wrote about',
  'talked through',
  'sat with',
  'walked past',
  'made room for',
  'forgave',
  'remembered',
  'tried to name',
];
const OBJECTS = [
  'the heaviness in my chest',
  'a small kindness',
  'the urge to hide',
  'an evening without panic',
  'the fear of being too much',
  'a cup of tea on the step',
  'the long walk home',
  'a message I had avoided',
  'the memory of the hospital',
  'a good night of sleep',
  'the anger that surprised me',
  'the silence at dinner',
  'my own voice',
  'the relief of saying no',
];
const CLOSERS = [
  'and it was enough.',
  'without judging it.',
  'even though it scared me.',
  'and I did not run.',
  'for the first time in months.',
  'and I want to remember that.',
  'which felt strange and good.',
  'before I could talk myself out of it.',
  'and the day got a little lighter.',
  'and I am still not sure what it means.',
];
const ASIDES = [
  'I keep coming back to this.',
  'Thank you for listening last time.',
  'It is not a straight line.',
  'Some of this is hard to say out loud.',
  'I am proud of that, quietly.',
  'The breathing exercise helped more than I expected.',
];
const HEADINGS = ['Checking in', 'What helped', 'What was hard', 'For next time', 'A small win'];
const LIST_ITEMS = [
  'drink water before coffee',
  'text someone back',
  'go outside for ten minutes',
  'write one line in the journal',
  'say no to one thing',
  'ask for help early',
  'rest without earning it',
  'eat something warm',
];
const QUOTES = [
  'You do not have to carry it all at once.',
  'Feelings are visitors; let them come and go.',
  'Progress, not perfection.',
  'One day at a time, sometimes one hour.',
];

function sentence(random: SeededRandom): string {
  if (random.chance(0.15)) return random.pick(ASIDES);
  const opener = random.chance(0.5) ? `${random.pick(OPENERS)}, ` : '';
  const subject = random.pick(SUBJECTS);
  const body = `${subject} ${random.pick(VERBS)} ${random.pick(OBJECTS)} ${random.pick(CLOSERS)}`;
  const text = `${opener}${body}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plain(text: string): ProseRun {
  return { text, bold: false, italic: false };
}

// A paragraph of 3–7 sentences; now and then a phrase in bold or italic.
function paragraphRuns(random: SeededRandom): ProseRun[] {
  const runs: ProseRun[] = [];
  const count = random.int(3, 7);
  for (let i = 0; i < count; i++) {
    const text = sentence(random) + (i < count - 1 ? ' ' : '');
    if (random.chance(0.12)) {
      const words = text.split(' ');
      const cut = random.int(1, Math.max(1, words.length - 2));
      const bold = random.chance(0.6);
      runs.push(plain(`${words.slice(0, cut).join(' ')} `));
      runs.push({ text: words.slice(cut, cut + 2).join(' '), bold, italic: !bold });
      runs.push(plain(` ${words.slice(cut + 2).join(' ')}`.replace(/^ $/, '')));
    } else {
      runs.push(plain(text));
    }
  }
  return runs.filter((run) => run.text !== '');
}

/** Counts the words of a plan. */
export function wordCount(blocks: readonly ProseBlock[]): number {
  const texts = blocks.flatMap((block) =>
    block.kind === 'list' ? block.items.flat() : block.runs,
  );
  return texts
    .map((run) => run.text)
    .join(' ')
    .split(/\s+/)
    .filter((word) => word !== '').length;
}

/** A plan for one entry of about `words` words. */
export function proseEntry(random: SeededRandom, words = 400): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  if (random.chance(0.3)) {
    blocks.push({
      kind: 'heading',
      tag: random.pick(['h2', 'h3']),
      runs: [plain(random.pick(HEADINGS))],
    });
  }
  while (wordCount(blocks) < words - 15) {
    const roll = random.next();
    if (roll < 0.08 && blocks.length > 0) {
      const items = Array.from({ length: random.int(3, 4) }, () => [
        plain(random.pick(LIST_ITEMS)),
      ]);
      blocks.push({ kind: 'list', listType: random.pick(['bullet', 'number']), items });
    } else if (roll < 0.12) {
      blocks.push({
        kind: 'quote',
        runs: [{ text: random.pick(QUOTES), bold: false, italic: true }],
      });
    } else {
      blocks.push({ kind: 'paragraph', runs: paragraphRuns(random) });
    }
  }
  // Lists and quotes end an entry badly; close with a short paragraph.
  blocks.push({ kind: 'paragraph', runs: [plain(sentence(random))] });
  return blocks;
}
