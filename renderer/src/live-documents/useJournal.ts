/**
 * The private journal for React: opened once for the whole app (it is not tied to a
 * circle), and read through a context so meetings can show this laptop's drafts.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { DraftRecord } from '../../../shared/notebook/journal';
import { hearth } from '../lib/hearthApi';
import { JournalSession } from './journalSession';

/** The open journal, or null while it opens (or if it could not). */
export const JournalContext = createContext<JournalSession | null>(null);

/** The open journal from context. */
export function useJournal(): JournalSession | null {
  return useContext(JournalContext);
}

/** Opens the journal while mounted. */
export function useJournalSession(): JournalSession | null {
  const [journal, setJournal] = useState<JournalSession | null>(null);
  useEffect(() => {
    let live = true;
    let opened: JournalSession | null = null;
    JournalSession.open(hearth).then(
      (session) => {
        opened = session;
        if (live) setJournal(session);
        else void session.close();
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (opened !== null) void opened.close();
    };
  }, []);
  return journal;
}

const NONE: readonly DraftRecord[] = [];
const noSubscription = (): (() => void) => () => undefined;

/** Every draft and journal entry, newest first (none while the journal opens). */
export function useDrafts(journal: JournalSession | null): readonly DraftRecord[] {
  return useSyncExternalStore(
    journal === null ? noSubscription : (listener) => journal.index.subscribe(listener),
    journal === null ? () => NONE : () => journal.index.read(),
  );
}
