/** One meeting: its title and date, its prompts, and the entries written in it. */
import { useTranslation } from 'react-i18next';
import type { EntryId, MemberId } from '../../../../shared/notebook/ids';
import {
  PROMPT_KINDS,
  type EntryRecord,
  type MeetingRecord,
  type MemberRecord,
} from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../live-documents/circleSession';
import { useDrafts, useJournal } from '../../live-documents/useJournal';
import { useIndexSnapshot } from '../../live-documents/useCircleSession';
import { EntryCard } from '../entry-editor/EntryCard';
import { EAGER_EDITORS } from '../entry-editor/editorTurns';
import { DraftCard } from '../journal/DraftCard';
import { SharedPageButton } from '../writing/SharedPageButton';
import { RoundPanel } from '../round/RoundPanel';
import { OpeningWords } from '../templates/OpeningWords';
import { shownEntries } from './firstEntries';
import { formatCalendarDate } from './meetingDate';

/** Props of {@link MeetingView}. */
export interface MeetingViewProps {
  session: CircleSession;
  meeting: MeetingRecord;
  entries: readonly EntryRecord[];
  members: ReadonlyMap<MemberId, MemberRecord>;
  /** An entry or draft just created here, whose editor should take the focus. */
  focusEntry: EntryId | null;
  /** Called when a draft here was shared, with the new entry's id. */
  onShared: (entryId: EntryId) => void;
  onWriteEntry: () => void;
  onFocused: () => void;
}

/** Shows a meeting and lets the member write in it. */
export function MeetingView({
  session,
  meeting,
  entries,
  members,
  focusEntry,
  onWriteEntry,
  onFocused,
  onShared,
}: MeetingViewProps) {
  const { t, i18n } = useTranslation();
  const journal = useJournal();
  const { reactions } = useIndexSnapshot(session);
  const drafts = useDrafts(journal).filter(
    (draft) =>
      draft.sharedAs === null &&
      draft.circleId === session.circleId &&
      draft.meetingId === meeting.id,
  );
  const shown = shownEntries(entries);
  return (
    <article className="meeting" aria-labelledby="meeting-title">
      <header className="meeting__header">
        <p className="meeting__date">{formatCalendarDate(meeting.date, i18n.language, 'full')}</p>
        <h1 id="meeting-title" className="meeting__title">
          {meeting.title}
        </h1>
      </header>
      <OpeningWords meeting={meeting} />
      <RoundPanel session={session} meeting={meeting} />
      {meeting.prompts.length > 0 && (
        <section className="prompts" aria-label={t('prompts.label')}>
          {PROMPT_KINDS.map((kind) => {
            const prompts = meeting.prompts.filter((prompt) => prompt.kind === kind);
            if (prompts.length === 0) return null;
            return (
              <div key={kind} className={`prompts__group prompts__group--${kind}`}>
                <h2 className="prompts__kind">{t(`prompts.kinds.${kind}`)}</h2>
                <ul className="prompts__list">
                  {prompts.map((prompt, index) => (
                    <li key={index}>{prompt.text}</li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      )}
      <section className="entries" aria-label={t('entry.listLabel')}>
        {shown.length === 0 && <p className="entries__empty">{t('entry.none')}</p>}
        {shown.map((entry, index) => (
          <EntryCard
            key={entry.id}
            session={session}
            entry={entry}
            author={entry.authorId === null ? null : (members.get(entry.authorId) ?? null)}
            reactions={reactions.get(entry.id)}
            autoFocus={entry.id === focusEntry}
            eager={index < EAGER_EDITORS}
            onFocused={onFocused}
          />
        ))}
        {journal !== null &&
          drafts.map((draft) => (
            <DraftCard
              key={draft.id}
              journal={journal}
              draft={draft}
              target={{ session, meetingId: meeting.id }}
              autoFocus={draft.id === focusEntry}
              onFocused={onFocused}
              onShared={onShared}
            />
          ))}
      </section>
      {/* Sticky at the foot of the pane: in reach below long prompts and many entries. */}
      <div className="meeting__write">
        <button className="button button--primary" type="button" onClick={onWriteEntry}>
          {t('entry.write')}
        </button>
        <SharedPageButton session={session} meetingId={meeting.id} />
      </div>
    </article>
  );
}
