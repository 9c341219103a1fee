/**
 * The form that makes a circle: its name, the member's display name, and their
 * colour. Used on the welcome screen and in the "New circle" dialog.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewCircle } from '../../../../shared/ipc/contract';
import { LIMITS, MEMBER_COLOURS, type MemberColour } from '../../../../shared/notebook/schema';
import { describeError } from '../../app/describeError';
import { ColourPicker } from './ColourPicker';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link CircleForm}. */
export interface CircleFormProps {
  onCreate: (circle: NewCircle) => Promise<void>;
  onCancel?: () => void;
  submitLabel: string;
}

/** Asks for what a new circle needs and creates it. */
export function CircleForm({ onCreate, onCancel, submitLabel }: CircleFormProps) {
  const { t } = useTranslation();
  const nameId = useId();
  const memberId = useId();
  const [name, setName] = useState('');
  const [memberName, setMemberName] = useState('');
  const [colour, setColour] = useState<MemberColour>(
    () => MEMBER_COLOURS[Math.floor(Math.random() * MEMBER_COLOURS.length)]!,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    const circle = { name: name.trim(), memberName: memberName.trim(), colour };
    if (circle.name === '' || circle.memberName === '') {
      setProblem(t('circleForm.missing'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onCreate(circle);
    } catch (error) {
      setProblem(describeError(t, error));
      setBusy(false);
    }
  };

  return (
    <form className="circle-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={nameId}>
          {t('circleForm.circleName')}
        </label>
        <input
          id={nameId}
          className="input"
          value={name}
          maxLength={LIMITS.circleName}
          onChange={(event) => setName(event.target.value)}
          placeholder={t('circleForm.circleNamePlaceholder')}
          autoComplete="off"
          required
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={memberId}>
          {t('circleForm.yourName')}
        </label>
        <input
          id={memberId}
          className="input"
          value={memberName}
          maxLength={LIMITS.memberName}
          onChange={(event) => setMemberName(event.target.value)}
          autoComplete="nickname"
          required
        />
        <span className="field__hint">{t('circleForm.yourNameHint')}</span>
      </div>
      <ColourPicker value={colour} onChange={setColour} />
      <FieldError message={problem} />
      <DialogActions
        cancel={
          onCancel === undefined ? undefined : { label: t('common.cancel'), onClick: onCancel }
        }
        primary={{ label: submitLabel, disabled: busy }}
      />
    </form>
  );
}
