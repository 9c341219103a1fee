import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  READ_AFTER_CHANGE_MS,
  followEntryBody,
  type EntryBodySource,
} from '../../../../../renderer/src/features/writing/followEntryBody';
import { entryDocId, type DocId, type EntryId } from '../../../../../shared/notebook/ids';

const ENTRY = 'entry-1' as EntryId;
const OTHER = 'entry-2' as EntryId;

/** A session holding one loaded body, whose changes are told as the circle's are. */
function sessionWithBody(): {
  session: EntryBodySource;
  body: Y.Doc;
  change: (id: EntryId) => void;
} {
  const body = new Y.Doc();
  const listeners = new Set<(changed: DocId) => void>();
  const session: EntryBodySource = {
    entryDoc: () => Promise.resolve(body),
    loadedDoc: (docId) => (docId === entryDocId(ENTRY) ? body : undefined),
    onDocUpdate: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const change = (id: EntryId): void => {
    for (const listener of [...listeners]) listener(entryDocId(id));
  };
  return { session, body, change };
}

describe('followEntryBody', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads the body once it is loaded', async () => {
    const { session, body } = sessionWithBody();
    const read = vi.fn();
    followEntryBody(session, ENTRY, read);
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledWith(body);
  });

  it('reads after a burst of changes once, and never inside a change', async () => {
    const { session, change } = sessionWithBody();
    const read = vi.fn();
    followEntryBody(session, ENTRY, read);
    await vi.advanceTimersByTimeAsync(0);
    read.mockClear();
    for (let key = 0; key < 5; key++) {
      change(ENTRY);
      // A keystroke's own task: nothing is read yet.
      expect(read).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(READ_AFTER_CHANGE_MS);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('ignores other entries and reads nothing after it is stopped', async () => {
    const { session, change } = sessionWithBody();
    const read = vi.fn();
    const stop = followEntryBody(session, ENTRY, read);
    await vi.advanceTimersByTimeAsync(0);
    read.mockClear();
    change(OTHER);
    await vi.advanceTimersByTimeAsync(READ_AFTER_CHANGE_MS * 2);
    expect(read).not.toHaveBeenCalled();
    change(ENTRY);
    stop();
    await vi.advanceTimersByTimeAsync(READ_AFTER_CHANGE_MS * 2);
    expect(read).not.toHaveBeenCalled();
  });

  it('reads nothing when the body cannot be loaded', async () => {
    const read = vi.fn();
    followEntryBody(
      {
        entryDoc: () => Promise.reject(new Error('This entry was withdrawn.')),
        loadedDoc: () => undefined,
        onDocUpdate: () => () => undefined,
      },
      ENTRY,
      read,
    );
    await vi.advanceTimersByTimeAsync(READ_AFTER_CHANGE_MS);
    expect(read).not.toHaveBeenCalled();
  });
});
