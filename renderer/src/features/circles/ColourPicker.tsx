/** The member's colour, as a group of radio buttons (arrow keys move between them). */
import { useTranslation } from 'react-i18next';
import { MEMBER_COLOURS, type MemberColour } from '../../../../shared/notebook/schema';
import { memberColourVar } from './memberColours';

/** Props of {@link ColourPicker}. */
export interface ColourPickerProps {
  value: MemberColour;
  onChange: (colour: MemberColour) => void;
}

/** Lets a member choose their colour from the palette. */
export function ColourPicker({ value, onChange }: ColourPickerProps) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('circleForm.yourColour')}</legend>
      <div className="swatches">
        {MEMBER_COLOURS.map((colour) => (
          <label key={colour} className="swatch">
            <input
              type="radio"
              name="member-colour"
              value={colour}
              checked={value === colour}
              onChange={() => onChange(colour)}
            />
            <span className="swatch__dot" style={{ background: memberColourVar(colour) }} />
            <span>{t(`colours.${colour}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
