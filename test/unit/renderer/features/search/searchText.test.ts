import { describe, expect, it } from 'vitest';
import {
  findTerm,
  foldText,
  matchRanges,
  queryTerms,
  snippet,
} from '../../../../../renderer/src/features/search/searchText';

describe('search text', () => {
  it('folds case and accents, mapping each folded letter back to the original', () => {
    const text = foldText('Ça VA, Noël 🌱 Straße');
    expect(text.folded).toBe('ca va, noel 🌱 straße');
    const noel = text.folded.indexOf('noel');
    expect(matchRanges(text, ['noel'])).toEqual([{ start: noel, end: noel + 4 }]);
    // After a two-unit emoji, ranges still point at the original characters.
    const [range] = matchRanges(text, ['strasse', 'straße']);
    expect(text.original.slice(range!.start, range!.end)).toBe('Straße');
  });

  it('splits a query into distinct folded words, ignoring punctuation', () => {
    expect(queryTerms('  Café, café!  crème-brûlée ')).toEqual(['cafe', 'creme', 'brulee']);
    expect(queryTerms('— … ,')).toEqual([]);
  });

  it('prefers a match at the start of a word', () => {
    const text = foldText('unheard, then heard');
    expect(findTerm(text, 'heard')).toEqual({ index: 14, wordStart: true });
    expect(findTerm(foldText('unheard'), 'heard')).toEqual({ index: 2, wordStart: false });
    expect(findTerm(text, 'absent').index).toBe(-1);
  });

  it('cuts a snippet around the first match at spaces, with the matches in it', () => {
    const long = `${'quiet '.repeat(40)}the harbour lights came on ${'still '.repeat(40)}`;
    const cut = snippet(foldText(long), ['harbour'], 80);
    expect(cut.text.startsWith('… ')).toBe(true);
    expect(cut.text.endsWith(' …')).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(86);
    expect(cut.ranges.map((r) => cut.text.slice(r.start, r.end))).toEqual(['harbour']);
  });
});
