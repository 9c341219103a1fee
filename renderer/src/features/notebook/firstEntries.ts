/**
 * What the circle's first screen shows before anything else: the newest meeting's first
 * entries (their editors mount at once, ../entry-editor/editorTurns.ts). Their bodies are
 * asked of the store as soon as the circle is open, so they arrive while the screen is
 * still being drawn rather than one round trip after it.
 */
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { EntryId } from '../../../../shared/notebook/ids';
import type { EntryRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../live-documents/circleSession';
import { EAGER_EDITORS } from '../entry-editor/editorTurns';

/** The entries a meeting shows: every one not withdrawn, oldest first. */
export function shownEntries(entries: readonly EntryRecord[]): EntryRecord[] {
  return entries.filter((entry) => !entry.withdrawn);
}

/** The entries whose editors the first screen mounts at once. */
export function firstEntriesShown(
  snapshot: Pick<IndexSnapshot, 'meetings' | 'entriesByMeeting'>,
): EntryId[] {
  const newest = snapshot.meetings[0];
  if (newest === undefined) return [];
  return shownEntries(snapshot.entriesByMeeting.get(newest.id) ?? [])
    .slice(0, EAGER_EDITORS)
    .map((entry) => entry.id);
}

/**
 * Loads the first screen's entry bodies; resolves once each has loaded or failed. Their
 * editors, and whoever else asks, take the same loads (the session shares them).
 */
export async function firstEntriesLoaded(session: CircleSession): Promise<void> {
  await Promise.all(
    // A body that cannot load says so in its own editor, which asks again.
    firstEntriesShown(session.index.read()).map((entryId) =>
      session.entryDoc(entryId).catch(() => undefined),
    ),
  );
}

/** Starts loading the first screen's entry bodies, as soon as the circle is open. */
export function loadFirstEntries(session: CircleSession): void {
  void firstEntriesLoaded(session);
}
