/**
 * Comments under an entry: how a member answers an entry they may not write in, without
 * touching its author's words (shared/notebook/WRITING.md, "Offering words"). Each
 * comment shows its writer's name and time; its writer can take it back. Writing one is
 * a deliberate step (a button, then a box), so a comment is never posted by accident.
 */
import { useId, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_COMMENT_CHARS, commentText } from '../../../../shared/notebook/comments';
import type { EntryComment } from '../../../../shared/notebook/comments';
import type { EntryId, MemberId } from '../../../../shared/notebook/ids';
import type { MemberRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../live-documents/circleSession';
import { memberColourVar } from '../circles/memberColours';
import './comments.css';
import { FieldError } from '../../app/FieldError';
import { formatTimeOfDay } from '../notebook/meetingDate';

/** Props of {@link EntryComments}. */
export interface EntryCommentsProps {
  session: CircleSession;
  entryId: EntryId;
  comments: readonly EntryComment[] | undefined;
  members: ReadonlyMap<MemberId, MemberRecord>;
  /** Which entry, for the labels: "Ana’s entry", "the shared page"… */
  entryName: string;
}

/** The comments under one entry, and a way to add one. */
export function EntryComments({
  session,
  entryId,
  comments = [],
  members,
  entryName,
}: EntryCommentsProps) {
  const { t, i18n } = useTranslation();
  const [writing, setWriting] = useState(false);
  const [words, setWords] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const boxId = useId();
  const addButton = useRef<HTMLButtonElement>(null);
  const me = session.profile.memberId;

  const close = (): void => {
    setWriting(false);
    setWords('');
    setProblem(null);
    // Back to where the member was, for keyboard use.
    requestAnimationFrame(() => addButton.current?.focus());
  };
  const post = (event?: SyntheticEvent): void => {
    event?.preventDefault();
    if (commentText(words) === '') {
      setProblem(t('comments.empty'));
      return;
    }
    session.index.comment(entryId, words);
    close();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) post();
    if (event.key === 'Escape') close();
  };

  return (
    // A group, not a region: one landmark per entry's comments would crowd the page's.
    <div
      role="group"
      className="entry-comments"
      aria-label={t('comments.label', { on: entryName })}
    >
      {comments.length > 0 && (
        <ul className="entry-comments__list">
          {comments.map((comment) => {
            const writer = members.get(comment.writerId);
            const name = writer?.name ?? t('comments.someone');
            return (
              <li key={comment.id} className="entry-comment">
                <p className="entry-comment__byline">
                  <span
                    className="member-dot"
                    aria-hidden="true"
                    style={{
                      background:
                        writer === undefined
                          ? 'var(--border-strong)'
                          : memberColourVar(writer.colour),
                    }}
                  />
                  <span className="entry-comment__writer">{name}</span>
                  <span className="entry-comment__time">
                    {formatTimeOfDay(comment.at, i18n.language)}
                  </span>
                  {comment.writerId === me && (
                    <button
                      type="button"
                      className="button button--small button--quiet entry-comment__remove"
                      aria-label={t('comments.removeLabel', {
                        time: formatTimeOfDay(comment.at, i18n.language),
                      })}
                      onClick={() => session.index.removeComment(entryId, comment.id)}
                    >
                      {t('comments.remove')}
                    </button>
                  )}
                </p>
                <p className="entry-comment__text">{comment.text}</p>
              </li>
            );
          })}
        </ul>
      )}
      {writing ? (
        <form className="field entry-comments__form" onSubmit={post}>
          <label htmlFor={boxId} className="field__label">
            {t('comments.boxLabel', { on: entryName })}
          </label>
          <textarea
            id={boxId}
            className="input entry-comments__box"
            value={words}
            maxLength={MAX_COMMENT_CHARS}
            rows={3}
            autoFocus
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? undefined : `${boxId}-problem`}
            onChange={(event) => {
              setWords(event.target.value);
              setProblem(null);
            }}
            onKeyDown={onKeyDown}
          />
          <FieldError message={problem} id={`${boxId}-problem`} />
          <p className="field__hint">{t('comments.hint')}</p>
          <div className="entry-comments__actions">
            <button type="button" className="button button--quiet" onClick={close}>
              {t('comments.cancel')}
            </button>
            <button type="submit" className="button button--primary">
              {t('comments.post')}
            </button>
          </div>
        </form>
      ) : (
        <button
          ref={addButton}
          type="button"
          className="button button--small button--quiet entry-comments__add"
          onClick={() => setWriting(true)}
        >
          {t('comments.add')}
        </button>
      )}
    </div>
  );
}
