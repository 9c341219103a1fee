/** React access to search: an index over the open circle, and the results of a query. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { hearth } from '../../lib/hearthApi';
import type { CircleSession } from '../../live-documents/circleSession';
import { useJournal } from '../../live-documents/useJournal';
import { JournalSearchSource } from './journalSearchSource';
import { afterNextPaint } from '../../lib/afterNextPaint';
import { firstEntriesLoaded } from '../notebook/firstEntries';
import { formatCalendarDate } from '../notebook/meetingDate';
import { CircleSearchSource } from './circleSearchSource';
import { circleSearchSession } from './circleSearchSession';
import { SearchIndex, type SearchOutcome } from './searchIndex';

// Let the circle open and draw before the entries are read for search.
const START_AFTER_MS = 800;

/**
 * An index over `session`, alive as long as the session: it starts reading entries in
 * the background shortly after the circle opens and follows every change after that.
 * (The private journal joins it here as a second source: see ./searchSource.ts.)
 */
export function useCircleSearch(session: CircleSession): SearchIndex {
  const { i18n } = useTranslation();
  const [index] = useState(() => new SearchIndex());
  const language = i18n.language;
  useEffect(() => {
    let started = false;
    let source: CircleSearchSource | null = null;
    let remove = (): void => undefined;
    // Made once the first screen's entries are loaded and painted: its first pass over
    // every entry's record (20 ms for a year of meetings, five times that for five) would
    // otherwise hold up their words on a busy machine, and nobody searches before the
    // first screen is there (issue 16). A body that fails to load holds nothing up.
    const start = (): void => {
      source = new CircleSearchSource(circleSearchSession(session, hearth), {
        formatDate: (date) => formatCalendarDate(date, language, 'medium'),
        // The author reads their own entry unveiled (as EntryCard shows it); everyone else
        // sees the content note in the result until they open the entry itself.
        isRevealed: (entryId) =>
          session.index.read().entries.get(entryId)?.authorId === session.profile.memberId,
        pause: () =>
          new Promise((resolve) => {
            setTimeout(resolve, started ? 16 : START_AFTER_MS);
            started = true;
          }),
      });
      remove = index.addSource(source);
    };
    let stopped = false;
    let cancelStart = (): void => undefined;
    void firstEntriesLoaded(session).then(() => {
      if (!stopped) cancelStart = afterNextPaint(start);
    });
    return () => {
      stopped = true;
      cancelStart();
      remove();
      source?.dispose();
    };
  }, [index, session, language]);

  const journal = useJournal();
  useEffect(() => {
    if (journal === null) return;
    const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    const source = new JournalSearchSource(journal, (at) => when.format(new Date(at)));
    const remove = index.addSource(source);
    return () => {
      remove();
      source.dispose();
    };
  }, [index, journal, language]);
  return index;
}

/** The outcome of `query`, recomputed when the query or the indexed documents change. */
export function useSearchOutcome(index: SearchIndex, query: string): SearchOutcome {
  const subscribe = useCallback((listener: () => void) => index.subscribe(listener), [index]);
  const read = useCallback(() => index.outcome(query), [index, query]);
  return useSyncExternalStore(subscribe, read);
}
