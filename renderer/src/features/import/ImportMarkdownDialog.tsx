/**
 * "Import Markdown…": a pasted text or a chosen .md file becomes a private draft for the
 * meeting, parsed by Lexical's own Markdown import (shared/export/markdownImport.ts) so
 * headings, emphasis, lists, quotes and links keep their shape. Like every new entry it
 * starts in the member's journal, and reaches the circle only when they share it. It
 * runs here, in the renderer, because the renderer holds the live documents.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_IMPORT_CHARACTERS,
  writeMarkdownIntoEntry,
} from '../../../../shared/export/markdownImport';
import type { EntryId } from '../../../../shared/notebook/ids';
import type { MeetingRecord } from '../../../../shared/notebook/schema';
import { Dialog } from '../../app/Dialog';
import type { CircleSession } from '../../live-documents/circleSession';
import { useJournal } from '../../live-documents/useJournal';
import '../../styles/circleTools.css';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link ImportMarkdownDialog}. */
export interface ImportMarkdownDialogProps {
  open: boolean;
  session: CircleSession;
  meeting: MeetingRecord | null;
  onClose: () => void;
  /** The new draft, to show and focus. */
  onImported: (draftId: EntryId) => void;
}

/** Imports Markdown as a new entry. */
export function ImportMarkdownDialog(props: ImportMarkdownDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={props.open}
      title={t('import.title', { meeting: props.meeting?.title ?? '' })}
      description={t('import.description')}
      onClose={props.onClose}
      size="wide"
    >
      {props.open && <ImportForm {...props} />}
    </Dialog>
  );
}

function ImportForm({ session, meeting, onClose, onImported }: ImportMarkdownDialogProps) {
  const { t } = useTranslation();
  const journal = useJournal();
  const ids = { text: useId(), file: useId() };
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(
    meeting === null ? t('import.noMeeting') : null,
  );

  const readFile = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return;
    if (file.size > MAX_IMPORT_CHARACTERS * 4) {
      setProblem(t('import.fileTooLarge'));
      return;
    }
    setText(await file.text());
    setProblem(null);
  };

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (meeting === null || journal === null) {
      setProblem(t('import.noMeeting'));
      return;
    }
    if (text.trim() === '') {
      setProblem(t('import.empty'));
      return;
    }
    if (text.length > MAX_IMPORT_CHARACTERS) {
      setProblem(t('import.fileTooLarge'));
      return;
    }
    try {
      const draftId = journal.startDraft(
        { circleId: session.circleId, meetingId: meeting.id },
        (ydoc) => {
          writeMarkdownIntoEntry(ydoc, text);
        },
      );
      onImported(draftId);
    } catch (error) {
      setProblem(t('import.failed', { reason: error instanceof Error ? error.message : '' }));
    }
  };

  return (
    <form onSubmit={submit} noValidate className="export-form">
      <div className="field">
        <label className="field__label" htmlFor={ids.file}>
          {t('import.chooseFile')}
        </label>
        <input
          id={ids.file}
          className="input"
          type="file"
          accept=".md,.markdown,.txt,text/markdown,text/plain"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.text}>
          {t('import.text')}
        </label>
        <textarea
          id={ids.text}
          className="input import-form__text"
          value={text}
          rows={12}
          spellCheck
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <FieldError message={problem} />
      <DialogActions
        cancel={{ label: t('common.cancel'), onClick: onClose }}
        primary={{ label: t('import.start'), disabled: meeting === null }}
      />
    </form>
  );
}
