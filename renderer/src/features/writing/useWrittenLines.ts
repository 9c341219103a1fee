/**
 * An entry's words as runs by writer (shared/notebook/writtenRuns.ts), kept current for
 * as long as "who wrote what" is shown: read after each change, not inside it
 * (./followEntryBody.ts).
 */
import { useEffect, useState } from 'react';
import type { EntryId } from '../../../../shared/notebook/ids';
import { readWrittenLines, type WrittenLines } from '../../../../shared/notebook/writtenRuns';
import type { CircleSession } from '../../live-documents/circleSession';
import { followEntryBody } from './followEntryBody';

/** The entry's lines, each as runs with their writer's client; empty until read. */
export function useWrittenLines(session: CircleSession, entryId: EntryId): WrittenLines {
  const [lines, setLines] = useState<WrittenLines>([]);
  useEffect(
    () => followEntryBody(session, entryId, (body) => setLines(readWrittenLines(body))),
    [session, entryId],
  );
  return lines;
}
