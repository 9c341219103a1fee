/**
 * Who wrote what in one entry, kept current: its lines as runs of characters with each
 * run's writer (shared/notebook/writtenRuns.ts), and the members who have words in it,
 * in the order their words first appear. A writer is traced through the entry's
 * `bodyWriters` (shared/notebook/bodyWriting.ts); words under a client the index does
 * not name (an entry from before the writing rule) have no writer.
 */
import { useEffect, useState } from 'react';
import type { EntryWriting } from '../../../../shared/notebook/bodyWriting';
import { entryDocId, type EntryId, type MemberId } from '../../../../shared/notebook/ids';
import { readWrittenLines, type WrittenLines } from '../../../../shared/notebook/writtenRuns';
import type { CircleSession } from '../../live-documents/circleSession';

/** Who wrote what in an entry. */
export interface EntryWriters {
  lines: WrittenLines;
  /** Members with words in the entry, first writer first. */
  members: MemberId[];
}

const NONE: EntryWriters = { lines: [], members: [] };

/** The writer of `client` in an entry: a member, null (anonymous author), or undefined. */
export function writerOf(
  writing: EntryWriting | undefined,
  client: number,
): MemberId | null | undefined {
  return writing?.clients.get(client);
}

/** Follows an entry's body while mounted; `enabled` false reads nothing. */
export function useEntryWriters(
  session: CircleSession,
  entryId: EntryId,
  writing: EntryWriting | undefined,
  enabled: boolean,
): EntryWriters {
  const [writers, setWriters] = useState<EntryWriters>(NONE);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const docId = entryDocId(entryId);
    const read = (): void => {
      const ydoc = session.loadedDoc(docId);
      if (ydoc === undefined || !live) return;
      const lines = readWrittenLines(ydoc);
      const members: MemberId[] = [];
      for (const line of lines) {
        for (const run of line) {
          const member = writerOf(writing, run.client);
          if (typeof member === 'string' && !members.includes(member)) members.push(member);
        }
      }
      setWriters({ lines, members });
    };
    session.entryDoc(entryId).then(read, () => undefined);
    const stop = session.onDocUpdate((changed) => {
      if (changed === docId) read();
    });
    return () => {
      live = false;
      stop();
    };
  }, [session, entryId, writing, enabled]);
  return enabled ? writers : NONE;
}
