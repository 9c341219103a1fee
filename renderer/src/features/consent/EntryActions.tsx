/**
 * What stays the author's to decide about a shared entry: a content note that veils it
 * for others, keeping it out of exports, and withdrawing it. Only the author's laptop
 * shows these (for an anonymous entry, the laptop that holds its nameless writer).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type EntryRecord } from '../../../../shared/notebook/schema';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { Disclosure } from '../../app/Disclosure';
import { KeepOutOfExports } from './KeepOutOfExports';
import type { CircleSession } from '../../live-documents/circleSession';

/** Props of {@link EntryActions}. */
export interface EntryActionsProps {
  session: CircleSession;
  entry: EntryRecord;
  /** The nameless client an anonymous entry was written with; null for a named entry. */
  anonymousClient: number | null;
}

/** The author's menu on an entry. */
export function EntryActions({ session, entry, anonymousClient }: EntryActionsProps) {
  const { t } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState(entry.contentNote ?? '');
  const [confirming, setConfirming] = useState(false);
  const setFlags = (flags: Parameters<CircleSession['index']['setEntryFlags']>[1]): void =>
    session.index.setEntryFlags(entry.id, flags, anonymousClient ?? undefined);

  return (
    <>
      <Disclosure
        className="entry-actions"
        label={t('consent.yourChoices')}
        buttonClassName="button button--small button--quiet"
        panelClassName="entry-actions__panel"
      >
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
          <span className="field__hint">{t('consent.contentNoteHint')}</span>
        </div>
        <button
          type="button"
          className="button button--small"
          onClick={() => setFlags({ contentNote: note.trim() === '' ? null : note.trim() })}
        >
          {t('consent.saveNote')}
        </button>
        <KeepOutOfExports
          exportable={entry.exportable}
          onChange={(exportable) => setFlags({ exportable })}
        />
        <button
          type="button"
          className="button button--small entry-actions__withdraw"
          onClick={() => setConfirming(true)}
        >
          {t('consent.withdraw')}
        </button>
      </Disclosure>
      <ConfirmDialog
        open={confirming}
        title={t('consent.withdrawTitle')}
        explanation={t('consent.withdrawExplained')}
        keepLabel={t('consent.keepIt')}
        confirmLabel={t('consent.withdrawConfirm')}
        onKeep={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          setFlags({ withdrawn: true });
        }}
      />
    </>
  );
}
