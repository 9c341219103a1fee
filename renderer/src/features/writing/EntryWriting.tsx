/**
 * What an entry card shows about who writes in it: for its author, the invitations;
 * where several may write, "Show who wrote what" and, when on, the writers and their
 * words (./WhoWroteWhat.tsx).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryWriting as Writing } from '../../../../shared/notebook/bodyWriting';
import type { EntryId, MemberId } from '../../../../shared/notebook/ids';
import type { MemberRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../live-documents/circleSession';
import { KeepOutOfExports } from '../consent/KeepOutOfExports';
import { CoWriters } from './CoWriters';
import { WhoWroteWhat } from './WhoWroteWhat';
import './writing.css';

/** Props of {@link EntryWriting}. */
export interface EntryWritingProps {
  session: CircleSession;
  entryId: EntryId;
  writing: Writing;
  /** This laptop's member wrote the entry (and may invite). */
  isAuthor: boolean;
  members: ReadonlyMap<MemberId, MemberRecord>;
  /** The members with words in the entry, first writer first (./useEntryWriters.ts). */
  writers: readonly MemberId[];
  /** The entry's name for screen readers. */
  label: string;
}

/** Invitations and "who wrote what" for one entry. */
export function EntryWriting(props: EntryWritingProps) {
  const { session, entryId, writing, isAuthor, members, writers, label } = props;
  const { t } = useTranslation();
  const [showing, setShowing] = useState(false);
  const mayInvite = isAuthor && !writing.page && writing.author !== null;
  const several =
    writing.page || writing.everyone || writing.coWriters.size > 0 || writers.length > 1;
  const me = session.profile.memberId;
  // A co-writer's own consent: an entry any writer keeps out stays out of every export.
  const coWrote = !isAuthor && writers.includes(me);
  if (!mayInvite && !several) return null;
  return (
    <div className="entry-writing">
      {coWrote && (
        <KeepOutOfExports
          exportable={!writing.keptOutBy.has(me)}
          onChange={(exportable) => session.index.keepOutOfExports(entryId, me, !exportable)}
        />
      )}
      {mayInvite && (
        <CoWriters session={session} entryId={entryId} writing={writing} members={members} />
      )}
      {several && (
        <button
          type="button"
          className="button button--small button--quiet"
          aria-pressed={showing}
          onClick={() => setShowing((value) => !value)}
        >
          {t('writing.showWhoWrote')}
        </button>
      )}
      {several && showing && (
        <WhoWroteWhat
          session={session}
          entryId={entryId}
          writers={writers}
          writing={writing}
          members={members}
          label={label}
        />
      )}
    </div>
  );
}
