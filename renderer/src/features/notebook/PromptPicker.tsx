/**
 * Choosing a meeting's prompts: pick a theme from the library to take its prompts,
 * untick any you don't want, or add your own.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LIMITS,
  PROMPT_KINDS,
  type MeetingPrompt,
  type PromptKind,
} from '../../../../shared/notebook/schema';
import { PROMPT_THEMES } from './promptLibrary';

/** Props of {@link PromptPicker}. */
export interface PromptPickerProps {
  chosen: MeetingPrompt[];
  onChange: (prompts: MeetingPrompt[]) => void;
  /** Called with a theme's title when the member picks it. */
  onTheme: (title: string) => void;
}

const samePrompt = (a: MeetingPrompt, b: MeetingPrompt): boolean =>
  a.kind === b.kind && a.text === b.text;

/** The prompt part of the new-meeting form. */
export function PromptPicker({ chosen, onChange, onTheme }: PromptPickerProps) {
  const { t } = useTranslation();
  const [themeId, setThemeId] = useState<string | null>(null);
  const [ownText, setOwnText] = useState('');
  const [ownKind, setOwnKind] = useState<PromptKind>('theme');
  const ownId = useId();
  const ownKindId = useId();
  const theme = PROMPT_THEMES.find((candidate) => candidate.id === themeId) ?? null;
  const offered = [
    ...(theme?.prompts ?? []),
    ...chosen.filter((prompt) => !(theme?.prompts ?? []).some((p) => samePrompt(p, prompt))),
  ];

  const toggle = (prompt: MeetingPrompt, on: boolean): void => {
    const rest = chosen.filter((candidate) => !samePrompt(candidate, prompt));
    onChange(on ? [...rest, prompt] : rest);
  };

  return (
    <div className="prompt-picker">
      <fieldset>
        <legend>{t('prompts.chooseTheme')}</legend>
        <div className="theme-cards">
          {PROMPT_THEMES.map((candidate) => (
            <label key={candidate.id} className="theme-card">
              <input
                type="radio"
                name="prompt-theme"
                checked={themeId === candidate.id}
                onChange={() => {
                  setThemeId(candidate.id);
                  onChange(candidate.prompts);
                  onTheme(candidate.title);
                }}
              />
              <span className="theme-card__title">{candidate.title}</span>
              <span className="theme-card__description">{candidate.description}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {offered.length > 0 && (
        <fieldset>
          <legend>{t('prompts.chosen')}</legend>
          <ul className="prompt-choices">
            {offered.map((prompt) => (
              <li key={`${prompt.kind}:${prompt.text}`}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={chosen.some((candidate) => samePrompt(candidate, prompt))}
                    onChange={(event) => toggle(prompt, event.target.checked)}
                  />
                  <span>
                    <span className="prompt-choices__kind">
                      {t(`prompts.kinds.${prompt.kind}`)}
                    </span>{' '}
                    {prompt.text}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div className="own-prompt">
        <div className="field own-prompt__text">
          <label className="field__label" htmlFor={ownId}>
            {t('prompts.own')}
          </label>
          <input
            id={ownId}
            className="input"
            value={ownText}
            maxLength={LIMITS.promptText}
            onChange={(event) => setOwnText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') event.preventDefault();
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ownKindId}>
            {t('prompts.part')}
          </label>
          <select
            id={ownKindId}
            className="input"
            value={ownKind}
            onChange={(event) => setOwnKind(event.target.value as PromptKind)}
          >
            {PROMPT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`prompts.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          className="button own-prompt__add"
          type="button"
          disabled={ownText.trim() === '' || chosen.length >= LIMITS.promptsPerMeeting}
          onClick={() => {
            toggle({ kind: ownKind, text: ownText.trim() }, true);
            setOwnText('');
          }}
        >
          {t('prompts.add')}
        </button>
      </div>
    </div>
  );
}
