/**
 * The member's private journal: writing that never leaves this laptop, in the same
 * editor as the notebook. Plain journal entries stay private; drafts started in a
 * meeting of this circle can be shared from here too.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryId } from '../../../../shared/notebook/ids';
import type { MeetingRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../live-documents/circleSession';
import { useDrafts, useJournal } from '../../live-documents/useJournal';
import { DraftCard } from './DraftCard';

/** Props of {@link JournalView}. */
export interface JournalViewProps {
  session: CircleSession;
  meetings: readonly MeetingRecord[];
  onShared: (entryId: EntryId) => void;
}

/** Lists the journal's entries and drafts, newest first. */
export function JournalView({ session, meetings, onShared }: JournalViewProps) {
  const { t } = useTranslation();
  const journal = useJournal();
  const drafts = useDrafts(journal).filter((draft) => draft.sharedAs === null);
  const [focus, setFocus] = useState<EntryId | null>(null);
  if (journal === null) return <p role="status">{t('journal.opening')}</p>;

  return (
    <article className="journal" aria-labelledby="journal-title">
      <header className="meeting__header">
        <p className="meeting__date">{t('journal.onlyHereKept')}</p>
        <h1 id="journal-title" className="meeting__title">
          {t('journal.title')}
        </h1>
      </header>
      <button
        className="button button--primary"
        type="button"
        onClick={() => setFocus(journal.startDraft(null))}
      >
        {t('journal.newEntry')}
      </button>
      <div className="entries">
        {drafts.length === 0 && <p className="entries__empty">{t('journal.empty')}</p>}
        {drafts.map((draft) => {
          const meeting =
            draft.circleId === session.circleId
              ? meetings.find((candidate) => candidate.id === draft.meetingId)
              : undefined;
          return (
            <div key={draft.id} className="journal__item">
              {draft.meetingId !== null && (
                <p className="journal__place">
                  {meeting === undefined
                    ? t('journal.forAnotherCircle')
                    : t('journal.forMeeting', { title: meeting.title })}
                </p>
              )}
              <DraftCard
                journal={journal}
                draft={draft}
                target={meeting === undefined ? null : { session, meetingId: meeting.id }}
                autoFocus={draft.id === focus}
                onFocused={() => setFocus(null)}
                onShared={onShared}
              />
            </div>
          );
        })}
      </div>
    </article>
  );
}
