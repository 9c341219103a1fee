/**
 * "Start from a template" in the new-meeting dialog: one card per meeting template.
 * Choosing one fills the meeting's title, prompts and opening words (the dialog does
 * the filling; this only offers the choice).
 */
import { useTranslation } from 'react-i18next';
import type { MeetingTemplate } from '../../../../shared/notebook/meetingTemplates';
import { MEETING_TEMPLATES } from './meetingTemplates';

/** Props of {@link TemplatePicker}. */
export interface TemplatePickerProps {
  chosenId: string | null;
  onChoose: (template: MeetingTemplate) => void;
}

/** The meeting templates as a group of radio cards. */
export function TemplatePicker({ chosenId, onChoose }: TemplatePickerProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="template-picker">
      <legend>{t('templates.choose')}</legend>
      <div className="theme-cards">
        {MEETING_TEMPLATES.map((template) => (
          <label key={template.id} className="theme-card">
            <input
              type="radio"
              name="meeting-template"
              checked={chosenId === template.id}
              onChange={() => onChoose(template)}
            />
            <span className="theme-card__title">{template.title}</span>
            <span className="theme-card__description">{template.description}</span>
            <span className="theme-card__description">
              {t('templates.turnLength', { count: template.minutesPerTurn })}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
