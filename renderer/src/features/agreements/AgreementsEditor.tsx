/**
 * Editing the agreements (facilitators only): a text area, one agreement per line, with
 * a live preview of the numbered list everyone will be asked to affirm.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { agreementLines } from '../../../../shared/notebook/agreementsTemplate';
import { GOVERNANCE_LIMITS } from '../../../../shared/notebook/governance';
import { AgreementList } from './AgreementList';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link AgreementsEditor}. */
export interface AgreementsEditorProps {
  /** The text to start from: the agreements in force, or the template when there are none. */
  initialText: string;
  /** The agreements in force, to tell an unchanged save apart; null when there are none. */
  currentText: string | null;
  /** Saves the agreements (already one per line, trimmed); returns a problem to show, or null. */
  onSave: (text: string) => string | null;
  onCancel: () => void;
}

/** The agreements as an editable text, one per line, with a preview. */
export function AgreementsEditor({
  initialText,
  currentText,
  onSave,
  onCancel,
}: AgreementsEditorProps) {
  const { t } = useTranslation();
  const textId = useId();
  const hintId = useId();
  const [text, setText] = useState(initialText);
  const [problem, setProblem] = useState<string | null>(null);
  const normalized = agreementLines(text).join('\n');

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (normalized === '') setProblem(t('agreements.emptyProblem'));
    else if (normalized.length > GOVERNANCE_LIMITS.agreementsText) {
      setProblem(t('agreements.tooLong', { max: GOVERNANCE_LIMITS.agreementsText }));
    } else if (normalized === currentText) setProblem(t('agreements.unchanged'));
    else setProblem(onSave(normalized));
  };

  return (
    <form className="agreements-editor" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={textId}>
          {t('agreements.editLabel')}
        </label>
        <p id={hintId} className="field__hint">
          {t('agreements.editHint')}
        </p>
        <textarea
          id={textId}
          className="input agreements-editor__text"
          value={text}
          rows={10}
          aria-describedby={hintId}
          onChange={(event) => {
            setText(event.target.value);
            setProblem(null);
          }}
          autoFocus
        />
      </div>
      <section className="agreements-editor__preview" aria-labelledby={`${textId}-preview`}>
        <h4 id={`${textId}-preview`} className="agreements-editor__preview-title">
          {t('agreements.preview')}
        </h4>
        {normalized === '' ? (
          <p className="field__hint">{t('agreements.previewEmpty')}</p>
        ) : (
          <AgreementList text={normalized} label={t('agreements.preview')} />
        )}
      </section>
      <FieldError message={problem} />
      <DialogActions
        cancel={{ label: t('common.cancel'), onClick: onCancel }}
        primary={{ label: t('agreements.save') }}
      />
    </form>
  );
}
