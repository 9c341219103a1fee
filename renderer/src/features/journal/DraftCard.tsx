/**
 * A private draft: writing that is only on this laptop, in the member's journal, until
 * they choose to share it — with their name or anonymously — or throw it away. Before
 * sharing they can add a content note and keep it out of exports.
 */
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryId, MeetingId } from '../../../../shared/notebook/ids';
import type { DraftRecord } from '../../../../shared/notebook/journal';
import { LIMITS } from '../../../../shared/notebook/schema';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { KeepOutOfExports } from '../consent/KeepOutOfExports';
import type { CircleSession } from '../../live-documents/circleSession';
import type { JournalSession } from '../../live-documents/journalSession';
import { MEMBER_COLOUR_SHADES } from '../circles/memberColours';
import { EntryEditor } from '../entry-editor/EntryEditor';

/** Props of {@link DraftCard}. */
export interface DraftCardProps {
  journal: JournalSession;
  draft: DraftRecord;
  /** The circle and meeting it can be shared into; null for a plain journal entry. */
  target: { session: CircleSession; meetingId: MeetingId } | null;
  autoFocus: boolean;
  onFocused: () => void;
  /** Called with the new entry's id once shared. */
  onShared?: (entryId: EntryId) => void;
}

/** One draft with its private editor and the ways out of privacy. */
export function DraftCard({
  journal,
  draft,
  target,
  autoFocus,
  onFocused,
  onShared,
}: DraftCardProps) {
  const { t } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState(draft.contentNote ?? '');
  const [busy, setBusy] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const loadBody = useCallback(() => journal.draftDoc(draft.id), [journal, draft.id]);
  const colour = target === null ? 'sand' : target.session.profile.colour;
  const discardButton = (
    <button className="button button--quiet" type="button" onClick={() => setDiscarding(true)}>
      {t('journal.discard')}
    </button>
  );

  const share = async (anonymous: boolean): Promise<void> => {
    if (target === null) return;
    setBusy(true);
    journal.index.update(draft.id, { contentNote: note.trim() === '' ? null : note.trim() });
    const entryId = await journal.share(draft.id, target.session, target.meetingId, anonymous);
    onShared?.(entryId);
  };

  return (
    <section
      id={`entry-${draft.id}`}
      tabIndex={-1}
      className="draft-card"
      aria-label={t('journal.draftLabel')}
    >
      <header className="draft-card__header">
        <span className="draft-card__lock" aria-hidden="true">
          ●
        </span>
        <p className="draft-card__title">{t('journal.privateDraft')}</p>
        <p className="draft-card__hint">
          {/* Only a draft for a meeting has a share action; a journal entry stays here. */}
          {t(target === null ? 'journal.onlyHereKept' : 'journal.onlyHere')}
        </p>
      </header>
      <EntryEditor
        bodyId={draft.id}
        loadBody={loadBody}
        label={t('journal.editorLabel')}
        toolbarLabel={t('journal.toolbarLabel')}
        presence={null}
        cursor={{ name: '', colour: MEMBER_COLOUR_SHADES[colour].light }}
        tellWhereWriting={false}
        autoFocus={autoFocus}
        onFocused={onFocused}
      />
      {target !== null && (
        <div className="draft-card__sharing">
          <div className="draft-card__options">
            <div className="field">
              <label className="field__label" htmlFor={noteId}>
                {t('consent.contentNote')}
              </label>
              <input
                id={noteId}
                className="input"
                value={note}
                maxLength={LIMITS.contentNote}
                placeholder={t('consent.contentNotePlaceholder')}
                onChange={(event) => setNote(event.target.value)}
              />
            </div>
            <KeepOutOfExports
              exportable={draft.exportable}
              onChange={(exportable) => journal.index.update(draft.id, { exportable })}
            />
          </div>
          <div className="draft-card__actions">
            <button
              className="button button--primary"
              type="button"
              disabled={busy}
              onClick={() => void share(false)}
            >
              {t('journal.shareNamed')}
            </button>
            <button
              className="button"
              type="button"
              disabled={busy}
              onClick={() => void share(true)}
            >
              {t('journal.shareAnonymously')}
            </button>
            {discardButton}
          </div>
        </div>
      )}
      {target === null && <div className="draft-card__actions">{discardButton}</div>}
      <ConfirmDialog
        open={discarding}
        title={t('journal.discardTitle')}
        explanation={t('journal.discardExplained')}
        keepLabel={t('journal.keepDraft')}
        confirmLabel={t('journal.discardConfirm')}
        onKeep={() => setDiscarding(false)}
        onConfirm={() => {
          setDiscarding(false);
          void journal.discard(draft.id);
        }}
      />
    </section>
  );
}
