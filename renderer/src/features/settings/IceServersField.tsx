/**
 * STUN/TURN servers, for the rare circle whose laptops cannot reach each other inside
 * the room (some networks keep devices apart). Empty by default, and the setting says
 * plainly what using one means: connection details, never words, go to that server.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/ipc/contract';
import { describeError } from '../../app/describeError';
import { FieldError } from '../../app/FieldError';

const ICE_SERVER = /^(stun|turns?):\S{3,294}$/;

/** Props of {@link IceServersField}. */
export interface IceServersFieldProps {
  settings: Settings;
  onUpdate: (patch: Partial<Settings>) => Promise<void>;
}

/** Edits the list of ICE servers, one per line. */
export function IceServersField({ settings, onUpdate }: IceServersFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  const [text, setText] = useState(settings.iceServers.join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (): Promise<void> => {
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const wrong = lines.find((line) => !ICE_SERVER.test(line));
    if (wrong !== undefined) {
      setProblem(t('settings.iceServersInvalid', { line: wrong }));
      return;
    }
    if (lines.length > 8) {
      setProblem(t('settings.iceServersTooMany'));
      return;
    }
    try {
      await onUpdate({ iceServers: lines });
      setProblem(null);
      setSaved(true);
    } catch (error) {
      setProblem(describeError(t, error));
    }
  };

  return (
    <fieldset>
      <legend>{t('settings.connection')}</legend>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t('settings.iceServers')}
        </label>
        <textarea
          id={id}
          className="input"
          rows={3}
          value={text}
          spellCheck={false}
          placeholder="stun:192.168.1.1:3478"
          aria-describedby={hintId}
          aria-invalid={problem !== null}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
          }}
        />
        <span id={hintId} className="field__hint">
          {t('settings.iceServersHint')}
        </span>
        <FieldError message={problem} inline />
      </div>
      <button className="button button--small" type="button" onClick={() => void save()}>
        {saved ? t('settings.iceServersSaved') : t('settings.iceServersSave')}
      </button>
    </fieldset>
  );
}
