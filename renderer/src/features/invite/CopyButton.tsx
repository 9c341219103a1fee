/**
 * "Copy the invite", with a confirmation a member can see (and a screen reader hears):
 * the text goes to the clipboard through Hearth's API — main's clipboard on the desktop,
 * where the page itself holds no clipboard permission, the page's own in browser mode.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hearth } from '../../lib/hearthApi';
import { FieldError } from '../../app/FieldError';

const CONFIRMATION_MS = 4000;

/** A button that copies `text`, then says "Copied" for a few seconds (or that it failed). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => {
    if (outcome === null) return;
    const timer = setTimeout(() => setOutcome(null), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  return (
    <div className="copy-button">
      <button
        className="button"
        type="button"
        onClick={() => {
          void hearth.clipboard.writeText(text).then(
            () => setOutcome('copied'),
            () => setOutcome('failed'),
          );
        }}
      >
        {label}
      </button>
      <span className="copy-button__status" role="status">
        {outcome === 'copied' && (
          <>
            <span aria-hidden="true">✓ </span>
            {t('invite.copied')}
          </>
        )}
        <FieldError
          message={outcome === 'failed' ? t('invite.copyFailed') : null}
          inline
          announce={false}
        />
      </span>
    </div>
  );
}
