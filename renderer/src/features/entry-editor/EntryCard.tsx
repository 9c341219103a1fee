/**
 * One shared entry in a meeting: who wrote it (or "Anonymous") and when, its content
 * note veil, its editor, the circle's reactions, and — for its author only — the
 * choices that stay theirs: the content note, keeping it out of exports, withdrawing it.
 */
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryReactions } from '../../../../shared/notebook/reactions';
import type { EntryRecord, MemberRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../live-documents/circleSession';
import { useJournal } from '../../live-documents/useJournal';
import { useCircleLive } from '../../sync/useCircleSync';
import { MEMBER_COLOUR_SHADES, memberColourVar } from '../circles/memberColours';
import { EntryActions } from '../consent/EntryActions';
import { ContentNoteVeil } from '../consent/ContentNoteVeil';
import { EntryComments } from '../comments/EntryComments';
import { ReactionBar } from '../reactions/ReactionBar';
import { mayWriteNow } from '../../../../shared/notebook/bodyWriting';
import { useIndexSnapshot } from '../../live-documents/useCircleSession';
import { EntryWriting } from '../writing/EntryWriting';
import { useEntryWriters } from '../writing/useEntryWriters';
import { WritersByline } from '../writing/WritersByline';
import { EntryEditor } from './EntryEditor';
import { useEditorTurn } from './editorTurns';
import { formatTimeOfDay } from '../notebook/meetingDate';

/** The colour of anyone's cursor in an anonymous entry: it must not hint at who they are. */
const NAMELESS_CURSOR = '#6f6a64';

/** Props of {@link EntryCard}. */
export interface EntryCardProps {
  session: CircleSession;
  entry: EntryRecord;
  author: MemberRecord | null;
  reactions: EntryReactions | undefined;
  autoFocus: boolean;
  /** Mount the editor at once (the meeting's first entries); else in turn (./editorTurns.ts). */
  eager: boolean;
  onFocused: () => void;
}

/** An entry with its byline, veil, reactions and (for its author) its choices. */
export function EntryCard({
  session,
  entry,
  author,
  reactions,
  autoFocus,
  eager,
  onFocused,
}: EntryCardProps) {
  const { t, i18n } = useTranslation();
  const { presence } = useCircleLive();
  const journal = useJournal();
  const [unveiled, setUnveiled] = useState(false);
  const card = useRef<HTMLElement>(null);
  const editorTurn = useEditorTurn(eager || autoFocus, card);
  const { members, writing: allWriting, comments } = useIndexSnapshot(session);
  const writing = allWriting.get(entry.id);
  const page = writing?.page === true;
  const anonymous = !page && (entry.visibility === 'anonymous' || author === null);
  const byline = page
    ? t('writing.sharedPage')
    : anonymous || author === null
      ? t('entry.anonymous')
      : author.name;
  const shared = journal?.sharedEntry(session.circleId, entry.id);
  const isMine = anonymous ? shared !== undefined : author?.id === session.profile.memberId;
  // Who may write here (shared/notebook/WRITING.md); an entry from before the rule is open.
  const mayWrite =
    writing === undefined || (anonymous ? isMine : mayWriteNow(writing, session.profile.memberId));
  const writers = useEntryWriters(session, entry.id, writing, writing !== undefined && !anonymous);
  const coWriters = writers
    .filter((member) => member !== author?.id)
    .map((member) => members.get(member)?.name ?? t('writing.unknownWriter'));
  const written = formatTimeOfDay(entry.createdAt, i18n.language);
  const headingId = `entry-${entry.id}-byline`;
  const { profile } = session;
  const loadBody = useCallback(() => session.entryDoc(entry.id), [session, entry.id]);
  const veiled = entry.contentNote !== null && !isMine && !unveiled;

  return (
    <section
      ref={card}
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
            background:
              anonymous || author === null
                ? 'var(--border-strong)'
                : memberColourVar(author.colour),
          }}
        />
        <h3 id={headingId} className="entry-card__author">
          {page || anonymous ? byline : <WritersByline author={byline} coWriters={coWriters} />}
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
      ) : !editorTurn ? (
        // Room for the words that come at its turn, so the page does not jump.
        <div className="entry-editor entry-editor--waiting" aria-busy="true" />
      ) : (
        <EntryEditor
          bodyId={entry.id}
          loadBody={loadBody}
          label={page ? byline : t('entry.editorLabel', { name: byline })}
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
          editable={mayWrite}
          readOnlyNote={t('writing.readOnly', { name: byline })}
          onWriter={(client) =>
            session.registerBodyWriter(
              entry.id,
              client,
              anonymous ? (shared?.sharedAs?.anonymousClient ?? null) : null,
            )
          }
        />
      )}
      {!veiled && writing !== undefined && !anonymous && (
        <EntryWriting
          session={session}
          entryId={entry.id}
          writing={writing}
          isAuthor={isMine}
          members={members}
          writers={writers}
          label={t('entry.editorLabel', { name: byline })}
        />
      )}
      {/* A veiled entry is reacted to only once it is opened. */}
      {!veiled && <ReactionBar session={session} entryId={entry.id} reactions={reactions} />}
      {/* Comments too wait for the veil: an answer to words one has not read. */}
      {!veiled && (
        <EntryComments
          session={session}
          entryId={entry.id}
          comments={comments.get(entry.id)}
          members={members}
          entryName={
            page
              ? t('comments.onPage')
              : anonymous
                ? t('comments.onAnonymous')
                : t('comments.onEntry', { name: byline })
          }
        />
      )}
    </section>
  );
}
