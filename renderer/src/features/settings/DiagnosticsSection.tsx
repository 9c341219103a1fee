/**
 * Settings → Help: "Copy diagnostics" (the desktop also has it in the Help menu). Main
 * copies on the desktop; in browser mode the page copies with the Clipboard API, and
 * where that is refused the text is shown for the member to select.
 * Also says, in one sentence, how circle keys are kept on this laptop.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyProtection } from '../../app/KeyProtectionNotice';
import { hearth } from '../../lib/hearthApi';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'shown'; text: string };

/** The "On this laptop" and "Help" parts of Settings. */
export function DiagnosticsSection() {
  const { t } = useTranslation();
  const protection = useKeyProtection();
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const textId = useId();

  const copy = async (): Promise<void> => {
    try {
      const { text, copied } = await hearth.app.diagnostics();
      if (copied) {
        setState({ kind: 'copied' });
        return;
      }
      try {
        await navigator.clipboard.writeText(text);
        setState({ kind: 'copied' });
      } catch {
        setState({ kind: 'shown', text });
      }
    } catch {
      setState({ kind: 'shown', text: t('errors.internal') });
    }
  };

  return (
    <>
      {protection !== null && (
        <fieldset>
          <legend>{t('settings.onThisLaptop')}</legend>
          <p className="field__hint" data-testid="key-protection">
            {t(`keys.${protection}`)}
          </p>
        </fieldset>
      )}
      <fieldset>
        <legend>{t('settings.help')}</legend>
        <p className="field__hint">{t('settings.diagnosticsHint')}</p>
        <button className="button" type="button" onClick={() => void copy()}>
          {t('settings.copyDiagnostics')}
        </button>
        <p role="status" className="field__hint">
          {state.kind === 'copied'
            ? t('settings.diagnosticsCopied')
            : state.kind === 'shown'
              ? t('settings.diagnosticsNotCopied')
              : ''}
        </p>
        {state.kind === 'shown' && (
          <textarea
            id={textId}
            className="input diagnostics-text"
            readOnly
            rows={8}
            value={state.text}
            aria-label={t('settings.copyDiagnostics')}
          />
        )}
      </fieldset>
    </>
  );
}
