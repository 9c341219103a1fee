/**
 * One shared entry in a meeting: who wrote it (or "Anonymous") and when, its content
 * note veil, its editor, the circle's reactions, and — for its author only — the
 * choices that stay theirs: the content note, keeping it out of exports, withdrawing it.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryReactions } from '../../../../shared/notebook/reactions';
import type { EntryRecord, MemberRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../notebook/circleSession';
import { useJournal } from '../../notebook/useJournal';
import { useCircleLive } from '../../sync/useCircleSync';
import { MEMBER_COLOUR_SHADES, memberColourVar } from '../circles/memberColours';
import { EntryActions } from '../consent/EntryActions';
import { ContentNoteVeil } from '../consent/ContentNoteVeil';
import { ReactionBar } from '../reactions/ReactionBar';
import { EntryEditor } from './EntryEditor';

/** The colour of anyone's cursor in an anonymous entry: it must not hint at who they are. */
const NAMELESS_CURSOR = '#6f6a64';

/** Props of {@link EntryCard}. */
export interface EntryCardProps {
  session: CircleSession;
  entry: EntryRecord;
  author: MemberRecord | null;
  reactions: EntryReactions | undefined;
  autoFocus: boolean;
  onFocused: () => void;
}

/** An entry with its byline, veil, reactions and (for its author) its choices. */
export function EntryCard({
  session,
  entry,
  author,
  reactions,
  autoFocus,
  onFocused,
}: EntryCardProps) {
  const { t, i18n } = useTranslation();
  const { presence } = useCircleLive();
  const journal = useJournal();
  const [unveiled, setUnveiled] = useState(false);
  const anonymous = entry.visibility === 'anonymous' || author === null;
  const byline = anonymous ? t('entry.anonymous') : author.name;
  const shared = journal?.sharedEntry(session.circleId, entry.id);
  const isMine = anonymous ? shared !== undefined : author.id === session.profile.memberId;
  const written = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(
    new Date(entry.createdAt),
  );
  const headingId = `entry-${entry.id}-byline`;
  const { profile } = session;
  const loadBody = useCallback(() => session.entryDoc(entry.id), [session, entry.id]);
  const veiled = entry.contentNote !== null && !isMine && !unveiled;

  return (
    <section
      id={`entry-${entry.id}`}
      // Focusable by script only: search brings a found entry into view and focuses it.
      tabIndex={-1}
      className="entry-card"
      aria-labelledby={headingId}
    >
      <header className="entry-card__byline">
        <span
          className="member-dot"
          style={{
            background: anonymous ? 'var(--border-strong)' : memberColourVar(author.colour),
          }}
        />
        <h3 id={headingId} className="entry-card__author">
          {byline}
        </h3>
        <span className="entry-card__time">{written}</span>
        {isMine && (
          <EntryActions
            session={session}
            entry={entry}
            anonymousClient={shared?.sharedAs?.anonymousClient ?? null}
          />
        )}
      </header>
      {entry.contentNote !== null && !veiled && (
        <p className="entry-card__note">{t('consent.noteShown', { note: entry.contentNote })}</p>
      )}
      {veiled ? (
        <ContentNoteVeil note={entry.contentNote ?? ''} onOpen={() => setUnveiled(true)} />
      ) : (
        <EntryEditor
          bodyId={entry.id}
          loadBody={loadBody}
          label={t('entry.editorLabel', { name: byline })}
          toolbarLabel={t('toolbar.label', { name: byline })}
          presence={presence}
          cursor={
            anonymous
              ? { name: t('entry.someone'), colour: NAMELESS_CURSOR }
              : { name: profile.memberName, colour: MEMBER_COLOUR_SHADES[profile.colour].light }
          }
          tellWhereWriting={!anonymous}
          autoFocus={autoFocus}
          onFocused={onFocused}
        />
      )}
      <ReactionBar session={session} entryId={entry.id} reactions={reactions} />
    </section>
  );
}
