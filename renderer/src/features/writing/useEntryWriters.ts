/**
 * Who has words in one entry, kept current: the members whose words are in its body, in
 * the order their words first appear. A writer is traced through the entry's
 * `bodyWriters` (shared/notebook/bodyWriting.ts); words under a client the index does
 * not name (an entry from before the writing rule) have no writer.
 *
 * The card that shows the byline renders again only when that list changes, not at every
 * keystroke; the body is read after a change, not inside it (./followEntryBody.ts).
 */
import { useEffect, useState } from 'react';
import type { EntryWriting } from '../../../../shared/notebook/bodyWriting';
import type { EntryId, MemberId } from '../../../../shared/notebook/ids';
import { readWrittenLines, type WrittenLines } from '../../../../shared/notebook/writtenRuns';
import type { CircleSession } from '../../live-documents/circleSession';
import { followEntryBody } from './followEntryBody';

const NO_WRITERS: readonly MemberId[] = [];

/** The writer of `client` in an entry: a member, null (anonymous author), or undefined. */
export function writerOf(
  writing: EntryWriting | undefined,
  client: number,
): MemberId | null | undefined {
  return writing?.clients.get(client);
}

/** The members with words in `lines`, first writer first. */
export function membersWhoWrote(
  lines: WrittenLines,
  writing: EntryWriting | undefined,
): MemberId[] {
  const members: MemberId[] = [];
  for (const line of lines) {
    for (const run of line) {
      const member = writerOf(writing, run.client);
      if (typeof member === 'string' && !members.includes(member)) members.push(member);
    }
  }
  return members;
}

/** True when both lists name the same members in the same order. */
export function sameWriters(a: readonly MemberId[], b: readonly MemberId[]): boolean {
  return a.length === b.length && a.every((member, index) => member === b[index]);
}

/** Follows an entry's body while mounted; `enabled` false reads nothing. */
export function useEntryWriters(
  session: CircleSession,
  entryId: EntryId,
  writing: EntryWriting | undefined,
  enabled: boolean,
): readonly MemberId[] {
  const [writers, setWriters] = useState<readonly MemberId[]>(NO_WRITERS);
  useEffect(() => {
    if (!enabled) return;
    return followEntryBody(session, entryId, (body) => {
      const read = membersWhoWrote(readWrittenLines(body), writing);
      setWriters((current) => (sameWriters(current, read) ? current : read));
    });
  }, [session, entryId, writing, enabled]);
  return enabled ? writers : NO_WRITERS;
}
