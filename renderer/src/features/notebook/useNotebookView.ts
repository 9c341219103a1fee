/**
 * What the middle of the circle screen shows — the member's journal or one meeting —
 * and which entry should take the caret once it appears (a draft just started, an entry
 * just shared or imported). One place for it, so "show this meeting" always also leaves
 * the journal.
 */
import { useCallback, useState } from 'react';
import type { EntryId, MeetingId } from '../../../../shared/notebook/ids';
import type { MeetingRecord } from '../../../../shared/notebook/schema';

/** The notebook pane's view and the ways to change it. */
export interface NotebookView {
  /** True while the journal shows instead of a meeting. */
  journal: boolean;
  /** The meeting chosen, or the newest one; null when the circle has none yet. */
  meeting: MeetingRecord | null;
  /** The entry to focus once it shows, if any. */
  focusEntry: EntryId | null;
  showMeeting: (meetingId: MeetingId) => void;
  showJournal: () => void;
  /** Leaves the journal for `meetingId` (if given) and puts the caret in `entryId`. */
  focus: (entryId: EntryId, meetingId?: MeetingId) => void;
  /** Called once the entry took the caret. */
  focused: () => void;
}

/** Keeps the notebook pane's view over the circle's meetings, newest first. */
export function useNotebookView(meetings: readonly MeetingRecord[]): NotebookView {
  const [chosen, setChosen] = useState<MeetingId | null>(null);
  const [journal, setJournal] = useState(false);
  const [focusEntry, setFocusEntry] = useState<EntryId | null>(null);
  const showMeeting = useCallback((meetingId: MeetingId) => {
    setJournal(false);
    setChosen(meetingId);
  }, []);
  const showJournal = useCallback(() => setJournal(true), []);
  const focus = useCallback((entryId: EntryId, meetingId?: MeetingId) => {
    setJournal(false);
    if (meetingId !== undefined) setChosen(meetingId);
    setFocusEntry(entryId);
  }, []);
  const focused = useCallback(() => setFocusEntry(null), []);
  const meeting = meetings.find((m) => m.id === chosen) ?? meetings[0] ?? null;
  return { journal, meeting, focusEntry, showMeeting, showJournal, focus, focused };
}
