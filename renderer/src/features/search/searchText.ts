/**
 * Text as search compares it: folded to lower case without accents ("Élan" and "elan"
 * are one word), with a map back to the original so a match found in the folded text
 * can be highlighted in the words the member wrote.
 */

/** Text prepared for matching: its folded form and, per folded character, the original index. */
export interface FoldedText {
  readonly original: string;
  readonly folded: string;
  /**
   * `origin[i]` is the index in `original` of the character folded to `folded[i]`;
   * null when folding kept every index (plain ASCII, most of what people write).
   */
  readonly origin: ArrayLike<number> | null;
}

/** A run of characters in an original text: [start, end). */
export interface TextRange {
  start: number;
  end: number;
}

const MARKS = /\p{M}/gu;
const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Folds `text` for matching, keeping the way back to each original character. */
export function foldText(text: string): FoldedText {
  if (isAscii(text)) return { original: text, folded: text.toLowerCase(), origin: null };
  const parts: string[] = [];
  let origin = new Int32Array(text.length + 16);
  let length = 0;
  const mapTo = (index: number): void => {
    if (length === origin.length) {
      const grown = new Int32Array(origin.length * 2);
      grown.set(origin);
      origin = grown;
    }
    origin[length++] = index;
  };
  for (let i = 0; i < text.length;) {
    if (text.charCodeAt(i) < 0x80) {
      // Most of what people write is ASCII: fold whole runs of it at once.
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) < 0x80) end++;
      parts.push(text.slice(i, end).toLowerCase());
      for (let k = i; k < end; k++) mapTo(k);
      i = end;
      continue;
    }
    const code = text.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
    const piece = text
      .slice(i, i + width)
      .normalize('NFKD')
      .toLowerCase()
      .replace(MARKS, '');
    parts.push(piece);
    for (let k = 0; k < piece.length; k++) mapTo(i);
    i += width;
  }
  return { original: text, folded: parts.join(''), origin: origin.subarray(0, length) };
}

/** The distinct words of a query, folded; empty when it holds no letter or digit. */
export function queryTerms(query: string): string[] {
  const terms = foldText(query).folded.split(WORD_SEPARATORS);
  return [...new Set(terms.filter((term) => term !== ''))];
}

/** Where `term` (folded) first occurs in `text`, preferring the start of a word; -1 if nowhere. */
export function findTerm(text: FoldedText, term: string): { index: number; wordStart: boolean } {
  let first = -1;
  let from = 0;
  for (;;) {
    const index = text.folded.indexOf(term, from);
    if (index < 0) break;
    if (first < 0) first = index;
    if (isWordStart(text.folded, index)) return { index, wordStart: true };
    from = index + 1;
  }
  return { index: first, wordStart: false };
}

/** Every occurrence of every term in `text`, as merged ranges of the original text. */
export function matchRanges(text: FoldedText, terms: readonly string[]): TextRange[] {
  const ranges: TextRange[] = [];
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const index = text.folded.indexOf(term, from);
      if (index < 0) break;
      ranges.push(toOriginal(text, index, index + term.length));
      from = index + term.length;
    }
  }
  return merge(ranges);
}

/**
 * A window of about `length` characters around the first match, cut at spaces, with
 * the matches in it highlighted. Without a match, the beginning of the text.
 */
export function snippet(
  text: FoldedText,
  terms: readonly string[],
  length: number,
): { text: string; ranges: TextRange[] } {
  const source = text.original;
  const first = matchRanges(text, terms)[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(length / 3));
  if (start > 0) {
    const space = source.indexOf(' ', start);
    if (space >= 0 && space < first) start = space + 1;
  }
  let end = Math.min(source.length, start + length);
  if (end < source.length) {
    const space = source.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const shown =
    (start > 0 ? '… ' : '') +
    source.slice(start, end).replace(/\s+/gu, ' ').trim() +
    (end < source.length ? ' …' : '');
  // A short window is cheap to match again, and its offsets are then exact.
  return { text: shown, ranges: matchRanges(foldText(shown), terms) };
}

// Plain ASCII folds with no index map at all.
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function isWordStart(folded: string, index: number): boolean {
  if (index === 0) return true;
  return WORD_SEPARATORS.test(folded.charAt(index - 1));
}

function toOriginal(text: FoldedText, start: number, end: number): TextRange {
  if (text.origin === null) return { start, end };
  const from = text.origin[start] ?? 0;
  const lastOrigin = text.origin[end - 1] ?? from;
  // The last folded character came from an original character that may be two units long.
  const lastChar = text.original.codePointAt(lastOrigin) ?? 0;
  return { start: from, end: lastOrigin + (lastChar > 0xffff ? 2 : 1) };
}

function merge(ranges: TextRange[]): TextRange[] {
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextRange[] = [];
  for (const range of ranges) {
    const last = out[out.length - 1];
    if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else out.push({ ...range });
  }
  return out;
}
