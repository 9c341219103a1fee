/**
 * Matching and ranking across every search source.
 *
 * A query is split into words (folded: no case, no accents); a document matches when
 * every word occurs in it, anywhere in a word ("tire" finds "tired"). Each word scores
 * by the best place it occurs — a meeting's title 3, an author's name 2, the text 1 —
 * plus a little when it starts a word. Documents are ordered by score, newer first on a
 * tie. A circle has hundreds of documents, not millions: a scan of prepared, folded
 * text answers in a few milliseconds, so there is no inverted index to keep in step.
 */
import {
  SEARCH_GROUPS,
  type SearchDocument,
  type SearchGroup,
  type SearchProgress,
  type SearchSource,
} from './searchSource';
import { findTerm, matchRanges, queryTerms, snippet, type TextRange } from './searchText';

/** How strongly a word counts, by where it was found. */
export const FIELD_WEIGHTS = { title: 3, author: 2, text: 1 } as const;
const WORD_START_BONUS = 0.25;
const SNIPPET_LENGTH = 140;

/** One match, ready to show. */
export interface SearchResult {
  document: SearchDocument;
  score: number;
  /** Matches in the heading. */
  headingRanges: TextRange[];
  /** A window of the body around the first match; null for a veiled entry or no body. */
  snippet: { text: string; ranges: TextRange[] } | null;
}

/** The results of one query, grouped in {@link SEARCH_GROUPS} order (empty groups left out). */
export interface SearchOutcome {
  terms: string[];
  groups: { group: SearchGroup; results: SearchResult[] }[];
  /** Matches in all groups, including those past the per-group limit. */
  total: number;
  progress: SearchProgress;
}

/** The documents of several sources, searched together. */
export class SearchIndex {
  private readonly sources = new Set<SearchSource>();
  private readonly listeners = new Set<() => void>();
  private readonly removers = new Map<SearchSource, () => void>();
  private version = 0;
  private last: { query: string; version: number; outcome: SearchOutcome } | null = null;

  /** Searches `source` too; returns a function that stops (and disposes nothing). */
  addSource(source: SearchSource): () => void {
    this.sources.add(source);
    this.removers.set(
      source,
      source.subscribe(() => this.changed()),
    );
    this.changed();
    return () => {
      this.removers.get(source)?.();
      this.removers.delete(source);
      this.sources.delete(source);
      this.changed();
    };
  }

  /** Calls `listener` after any source changes; returns its cleanup. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A number that changes whenever the documents do (for React's external stores). */
  getVersion(): number {
    return this.version;
  }

  /**
   * The outcome of `query`, the same object until the query or the documents change
   * (what React's useSyncExternalStore needs from a snapshot).
   */
  outcome(query: string): SearchOutcome {
    const { last } = this;
    if (last !== null && last.query === query && last.version === this.version) {
      return last.outcome;
    }
    let outcome = this.search(query);
    // With no word asked there is nothing to show but the progress: the last such outcome
    // stands while that does, so typing in an entry (every change of its words moves the
    // version) does not render the closed search box again.
    if (last !== null && sameEmptyOutcome(last.outcome, outcome)) outcome = last.outcome;
    this.last = { query, version: this.version, outcome };
    return outcome;
  }

  /** Finds the documents that hold every word of `query`, best first. */
  search(query: string, limitPerGroup = 20): SearchOutcome {
    const terms = queryTerms(query);
    const progress = this.progress();
    if (terms.length === 0) return { terms, groups: [], total: 0, progress };
    const byGroup = new Map<SearchGroup, { document: SearchDocument; score: number }[]>();
    let total = 0;
    for (const source of this.sources) {
      for (const document of source.documents()) {
        const score = scoreOf(document, terms);
        if (score === null) continue;
        total++;
        const list = byGroup.get(document.group);
        if (list === undefined) byGroup.set(document.group, [{ document, score }]);
        else list.push({ document, score });
      }
    }
    const groups = SEARCH_GROUPS.flatMap((group) => {
      const found = byGroup.get(group);
      if (found === undefined) return [];
      found.sort(
        (a, b) =>
          b.score - a.score ||
          b.document.recency - a.document.recency ||
          a.document.key.localeCompare(b.document.key),
      );
      return [{ group, results: found.slice(0, limitPerGroup).map((m) => present(m, terms)) }];
    });
    return { terms, groups, total, progress };
  }

  /** Documents read so far, over all sources. */
  progress(): SearchProgress {
    let ready = 0;
    let total = 0;
    for (const source of this.sources) {
      const p = source.progress();
      ready += p.ready;
      total += p.total;
    }
    return { ready, total };
  }

  private changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }
}

function sameEmptyOutcome(a: SearchOutcome, b: SearchOutcome): boolean {
  return (
    a.terms.length === 0 &&
    b.terms.length === 0 &&
    a.progress.ready === b.progress.ready &&
    a.progress.total === b.progress.total
  );
}

/** The document's score for `terms`, or null when some word is missing. */
export function scoreOf(document: SearchDocument, terms: readonly string[]): number | null {
  const headingWeight =
    document.headingKind === 'title' ? FIELD_WEIGHTS.title : FIELD_WEIGHTS.author;
  let score = 0;
  for (const term of terms) {
    let best = 0;
    if (document.heading !== null) {
      const found = findTerm(document.heading, term);
      if (found.index >= 0) best = headingWeight + (found.wordStart ? WORD_START_BONUS : 0);
    }
    if (best < FIELD_WEIGHTS.text + WORD_START_BONUS && document.body !== null) {
      const found = findTerm(document.body, term);
      if (found.index >= 0) {
        best = Math.max(best, FIELD_WEIGHTS.text + (found.wordStart ? WORD_START_BONUS : 0));
      }
    }
    if (best === 0) return null;
    score += best;
  }
  return score;
}

function present(
  match: { document: SearchDocument; score: number },
  terms: readonly string[],
): SearchResult {
  const { document } = match;
  const { body } = document;
  // A meeting shows its prompts only where they matched; an entry always gives a glimpse.
  const showBody =
    body !== null &&
    body.original !== '' &&
    document.veil === null &&
    (document.group !== 'meetings' || terms.some((term) => body.folded.includes(term)));
  return {
    document,
    score: match.score,
    headingRanges: document.heading === null ? [] : matchRanges(document.heading, terms),
    snippet: showBody ? snippet(body, terms, SNIPPET_LENGTH) : null,
  };
}
