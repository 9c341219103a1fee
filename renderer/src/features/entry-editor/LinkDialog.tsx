/** Asks for a link's address (and its words, when nothing is selected). */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../app/Dialog';
import { normaliseLink } from './safeLink';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link LinkDialog}. */
export interface LinkDialogProps {
  open: boolean;
  onClose: () => void;
  onLink: (url: string, text: string) => void;
}

/** A small form for adding a link to an entry. */
export function LinkDialog({ open, onClose, onLink }: LinkDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('link.title')} onClose={onClose}>
      {open && <LinkForm onClose={onClose} onLink={onLink} />}
    </Dialog>
  );
}

function LinkForm({ onClose, onLink }: Omit<LinkDialogProps, 'open'>) {
  const { t } = useTranslation();
  const urlId = useId();
  const textId = useId();
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const link = normaliseLink(url);
    if (link === null) {
      setProblem(t('link.invalid'));
      return;
    }
    onLink(link, text.trim());
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={urlId}>
          {t('link.address')}
        </label>
        <input
          id={urlId}
          className="input"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          placeholder="https://"
          autoFocus
          inputMode="url"
          aria-invalid={problem !== null}
        />
        <FieldError message={problem} inline />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={textId}>
          {t('link.words')}
        </label>
        <input
          id={textId}
          className="input"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <span className="field__hint">{t('link.wordsHint')}</span>
      </div>
      <DialogActions
        cancel={{ label: t('common.cancel'), onClick: onClose }}
        primary={{ label: t('link.add') }}
      />
    </form>
  );
}
